/** The bare workflow's one activity: it does nothing, so that what is timed is the engine's own work. */
export const bareActivities = {
  touch(what: string): Promise<string> {
    return Promise.resolve(what);
  },
};
