/**
 * Bounds on everything that crosses the wire. Both sides import these: the widget and console to
 * stop the visitor early (maxlength), the server's schemas to refuse what is too big.
 */
export const LIMITS = {
  /** Ids chosen by clients or integrators (event ids, conversation ids, agent ids). */
  idLength: 128,
  nameLength: 80,
  /** An agent's picture, as a helpdesk's events carry it. */
  avatarUrlLength: 500,
  emailLength: 254,
  passwordLength: 200,
  /** Shortest password a person may choose (when they accept an invite). */
  passwordMinLength: 10,
  /** Allowed origins of one site. */
  originsPerSite: 50,
  messageLength: 4000,
  commentLength: 1000,
  promiseTextLength: 200,
  /** Events in one batch of the events API. */
  eventsPerBatch: 1000,
  /** Rating steps in one delivery over HTTP (the widget's outbox, oldest first). */
  ratingsPerDelivery: 20,
  /** Largest body of that delivery: 20 steps with the longest comment fit. */
  ratingDeliveryBytes: 64 * 1024,
  /** Largest socket.io message the server accepts (socket.io `maxHttpBufferSize`). */
  socketPayloadBytes: 64 * 1024,
  /** Largest JSON body over HTTP (a full batch of events fits). */
  httpBodyBytes: 1024 * 1024,
  /** Messages kept in a conversation view sent over a socket; older ones stay stored. */
  messagesInView: 200,
  /**
   * Messages one conversation holds (scoring.md, bounded conversations): past it messages are
   * refused, so re-deriving a conversation has a bounded cost however it is fed.
   */
  messagesPerConversation: 2000,
  /** Every fact of one conversation (closes, reopens, promises, ratings too): twice the above. */
  factsPerConversation: 4000,
  /** Longest a promise may be made for, ahead of now. */
  promiseHorizonDays: 90,
} as const;

/** The characters of an id (with at most `LIMITS.idLength` of them): the widget checks it too. */
export const ID_CHARACTERS = /^[A-Za-z0-9._:@-]+$/;

/** A customer's server's signature: hex HMAC-SHA256 (host-chat ratings, signed-in users). */
export const HEX_SIGNATURE = /^[0-9a-fA-F]{64}$/;

/**
 * Text both stores can hold exactly: no NUL (PostgreSQL cannot store it in text or JSON) and no
 * lone surrogate (not valid Unicode, so PostgreSQL refuses it). Refused with 400 on both stores,
 * so they accept exactly the same text.
 */
export function storableText(text: string): boolean {
  return !text.includes('\u0000') && !LONE_SURROGATE.test(text);
}
/** With the `u` flag a well-formed pair is one code point, so only a lone half matches. */
const LONE_SURROGATE = /\p{Cs}/u;
