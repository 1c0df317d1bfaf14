/** `xent train translate`: its settings table and the run (files → TranslateTask → TrainSession → bundle, report). */
package dev.xent.cli.translate;
