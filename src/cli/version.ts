/** The version baked in at bundle time (esbuild `define`), or a dev marker when run from source. */
export const toolVersion: string = typeof GO_DOCTOR_VERSION === 'undefined' ? '0.0.0-dev' : GO_DOCTOR_VERSION;

export const toolIdentity = { name: 'go-doctor', version: toolVersion } as const;
