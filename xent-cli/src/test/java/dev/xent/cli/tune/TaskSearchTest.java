package dev.xent.cli.tune;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A time budget's caps: the share, less the overhead the planned trials still need, none below half a share. */
class TaskSearchTest {
    @Test
    void timeCapsLeaveRoomForTheOverheadOfThePlannedTrials() {
        assertEquals(120, TaskSearch.timeCap(480, 120, 0, 4), 0, "the first trial: its share");
        assertEquals(110.7, TaskSearch.timeCap(353, 120, 7, 3), 0, "353 s for 3 trials of 7 s overhead each");
        assertEquals(120, TaskSearch.timeCap(400, 120, 7, 1), 0, "never more than a share");
        assertEquals(93, TaskSearch.timeCap(100, 120, 7, 1), 0, "past the plan: what is left");
        assertEquals(0, TaskSearch.timeCap(50, 120, 7, 1), 0, "less than half a share: no trial");
        assertEquals(0, TaskSearch.timeCap(-5, 120, 7, 0), 0, "the budget is spent");
    }
}
