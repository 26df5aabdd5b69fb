// The part of React's Flight client the guard's tests use: the encoder a browser runs when a
// form calls a server action. Next ships it untyped.
declare module 'next/dist/compiled/react-server-dom-turbopack/client.node' {
  export function encodeReply(value: unknown): Promise<string | FormData>;
}
