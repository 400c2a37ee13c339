/** Where the server writes what operators should know; injected so tests can keep quiet. */
export type Logger = Pick<Console, 'info' | 'warn' | 'error'>;

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
