// Skeleton entry; the CLI lands with the engine issue.
process.stdout.write(`go-doctor ${typeof GO_DOCTOR_VERSION === 'undefined' ? 'dev' : GO_DOCTOR_VERSION}\n`);
