// Type of the module the build writes to assets/javascripts/strings.js
// (overrides/hooks/browser_strings.py); tsconfig.json's rootDirs lets imports find it here.
export const STRINGS: Record<string, Record<string, string>>;
