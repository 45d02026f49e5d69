// Command-line switches of the Electron app (`npm start -- --demo`).
export type MainFlags = {
  /** Run the embedded demo hub on loopback with a separate profile. */
  demo: boolean;
  /** Accept Linux's plain-text safeStorage backend without asking. */
  acceptBasicTextKeystore: boolean;
  /** A profile folder instead of the OS default (launch tests, side-by-side profiles). */
  userData: string | null;
};

const USER_DATA = '--user-data=';

export function parseMainFlags(argv: readonly string[]): MainFlags {
  const userData = argv.find((a) => a.startsWith(USER_DATA))?.slice(USER_DATA.length);
  return {
    demo: argv.includes('--demo'),
    acceptBasicTextKeystore: argv.includes('--accept-basic-text-keystore'),
    userData: userData ? userData : null,
  };
}
