/** Where a repository keeps its configuration (the App reads it from the default branch). */
export const CONFIG_PATH = ".github/privilege-guard.yml";
