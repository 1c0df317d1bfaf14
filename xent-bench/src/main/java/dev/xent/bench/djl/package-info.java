/**
 * The second speed reference: the same models as bench/lm_torch.py and bench/tag_torch.py written against DJL 0.36 on
 * PyTorch 2.7.1's CPU build (Maven Central; MKL, oneDNN), the library a Java user would pick instead of xent.
 * {@link dev.xent.bench.djl.DjlWordLm} (bench/lm.sh) and {@link dev.xent.bench.djl.DjlTagger} (bench/tag.sh); they use
 * nothing of xent but {@link dev.xent.bench.DataDir}, so a change in xent cannot change the reference.
 */
package dev.xent.bench.djl;
