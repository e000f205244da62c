/**
 * Waits for Ctrl+C (SIGINT) or SIGTERM, then closes the server and answers
 * the CLI's exit code, 0. A stuck close must not keep the process from
 * exiting: after 5 s it exits anyway.
 */
export async function closeOnSignal(close: () => Promise<void>): Promise<0> {
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  const deadline = setTimeout(() => process.exit(0), 5000);
  deadline.unref();
  await close();
  return 0;
}
