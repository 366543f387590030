import { describe, expect, it } from 'vitest';
import { jsonAckOver } from '../../src/platforms/slack/http-receiver.js';
import { JsonBody } from '../../src/platforms/slack/json-body.js';

describe('jsonAckOver', () => {
  it('without a response to label (a request that came another way), hands Bolt the written answer as an object', async () => {
    const acked: unknown[] = [];
    const ack = jsonAckOver(async (body) => void acked.push(body), {});
    const json = '{"response_type":"ephemeral","text":"a \\"quoted\\" line","blocks":[]}';
    await ack(new JsonBody(json));
    await ack({ text: 'plain' });
    await ack();
    expect(acked).toEqual([JSON.parse(json), { text: 'plain' }, undefined]);
    expect(acked[0]).not.toBeInstanceOf(JsonBody);
  });
});
