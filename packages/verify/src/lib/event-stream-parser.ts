/** One dispatched event of a `text/event-stream`. */
export interface ServerSentEvent {
  /** The `event:` field, or `'message'` (HTML §9.2.6). */
  readonly type: string;
  readonly data: string;
  /** The last event ID buffer when the event was dispatched (it persists across events). */
  readonly lastEventId: string;
}

/**
 * An incremental parser of `text/event-stream` (WHATWG HTML §9.2.5 grammar, §9.2.6
 * interpretation): feed it decoded text as it arrives, get the events completed so far.
 * Lines end in CRLF, LF or CR; a blank line dispatches; `:` starts a comment; a field is
 * `name: value` (one leading space stripped) or a bare name. Unknown fields are ignored.
 *
 * @example
 * const parser = new EventStreamParser('');
 * parser.push('id: 7\nevent: revocation\ndata: {}\n\n'); // [{ type: 'revocation', data: '{}', lastEventId: '7' }]
 */
export class EventStreamParser {
  #buffer = '';
  #atStart = true;
  #data = '';
  #type = '';
  #lastEventIdBuffer: string;
  #lastEventId: string;

  /** `lastEventId` continues the stream's previous id (the cursor a reconnection resumes from). */
  constructor(lastEventId: string) {
    this.#lastEventIdBuffer = lastEventId;
    this.#lastEventId = lastEventId;
  }

  /**
   * The last event ID string (HTML §9.2.6 step 1 of dispatch): set at every dispatch, even of a
   * block without data, and what `Last-Event-ID` carries on reconnection.
   */
  get lastEventId(): string {
    return this.#lastEventId;
  }

  /** Characters held for an unfinished line or event: a caller bounds memory with it. */
  get pendingLength(): number {
    return this.#buffer.length + this.#data.length + this.#type.length;
  }

  /** Consumes a chunk of text and returns the events it completed, in order. */
  push(text: string): ServerSentEvent[] {
    this.#buffer += text;
    if (this.#atStart && this.#buffer.length > 0) {
      // §9.2.5: one optional U+FEFF BOM at the very start of the stream.
      if (this.#buffer.startsWith('\uFEFF')) this.#buffer = this.#buffer.slice(1);
      this.#atStart = false;
    }
    const events: ServerSentEvent[] = [];
    let start = 0;
    for (;;) {
      const cr = this.#buffer.indexOf('\r', start);
      const lf = this.#buffer.indexOf('\n', start);
      if (cr === -1 && lf === -1) break;
      let end: number;
      let next: number;
      if (cr !== -1 && (lf === -1 || cr < lf)) {
        // A CR at the end of the chunk may be the first half of a CRLF: wait for the next chunk.
        if (cr === this.#buffer.length - 1) break;
        end = cr;
        next = this.#buffer[cr + 1] === '\n' ? cr + 2 : cr + 1;
      } else {
        end = lf;
        next = lf + 1;
      }
      const event = this.#line(this.#buffer.slice(start, end));
      if (event !== null) events.push(event);
      start = next;
    }
    this.#buffer = this.#buffer.slice(start);
    return events;
  }

  #line(line: string): ServerSentEvent | null {
    if (line === '') return this.#dispatch();
    if (line.startsWith(':')) return null; // a comment, e.g. the `: ping` heartbeat
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'event':
        this.#type = value;
        break;
      case 'data':
        this.#data += `${value}\n`;
        break;
      case 'id':
        if (!value.includes('\u0000')) this.#lastEventIdBuffer = value;
        break;
      default:
        // `retry` is ignored on purpose: the caller, not the server, sets the reconnection delay.
        break;
    }
    return null;
  }

  #dispatch(): ServerSentEvent | null {
    this.#lastEventId = this.#lastEventIdBuffer;
    const data = this.#data;
    const type = this.#type;
    this.#data = '';
    this.#type = '';
    if (data === '') return null;
    return { type: type === '' ? 'message' : type, data: data.slice(0, -1), lastEventId: this.#lastEventId };
  }
}
