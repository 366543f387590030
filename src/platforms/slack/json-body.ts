/**
 * A response body already written as JSON (blockKitJson): acknowledged as it is, never serialized again. Socket
 * Mode's receiver (LeanSocketModeReceiver) sends it in the acknowledgement frame; over HTTP, the ack sends it as the
 * response, labelled JSON (jsonAckOver). Frozen: a cached answer is shared by every request that reuses it.
 */
export class JsonBody {
  constructor(readonly json: string) {
    Object.freeze(this);
  }

  /** The body as an object, for a sender that takes one (response_url, a fallback ack). */
  object(): Record<string, unknown> {
    return JSON.parse(this.json) as Record<string, unknown>;
  }
}
