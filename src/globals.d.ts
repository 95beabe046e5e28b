/** Replaced at bundle time by esbuild (`define`); falls back to "dev" when run from source. */
declare const GO_DOCTOR_VERSION: string;
