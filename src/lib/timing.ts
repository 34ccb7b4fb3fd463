// Named steps of the pipeline: the bench passes a timer that measures each, every other caller the default
// that only runs it, so the timed code is the shipped code.

export type StepTimer = <T>(step: string, run: () => T) => T;

export const untimed: StepTimer = (_step, run) => run();
