// Drives the official TypeScript SDK (@anthropic-ai/sdk) against the gateway for TypeScriptSdkIT.
// Usage: node ts-sdk.mjs <create|stream|tool|tool-stream|count-tokens|models>, configured by environment:
//   TURNPIKE_CLIENTS_DIR  where bin/turnpike installed the SDK
//   TURNPIKE_PROXY_URL, TURNPIKE_KEY, TURNPIKE_METADATA (the x-turnpike-metadata value), TURNPIKE_MODEL, TURNPIKE_PROMPT
// Prints one JSON object on stdout: {"ok":true,...what the SDK returned} or {"ok":false,"error":{...}}.
import { createRequire } from 'node:module';
import { join } from 'node:path';

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

// The SDK lives in the clients folder, not beside this script: resolve it from there.
const require = createRequire(join(env('TURNPIKE_CLIENTS_DIR'), 'package.json'));
const { Anthropic } = require('@anthropic-ai/sdk');

const client = new Anthropic({
  baseURL: env('TURNPIKE_PROXY_URL'),
  authToken: env('TURNPIKE_KEY'),
  apiKey: null,
  maxRetries: 0,
  timeout: 60_000,
  defaultHeaders: { 'x-turnpike-metadata': env('TURNPIKE_METADATA') },
});
const model = env('TURNPIKE_MODEL');
const messages = [{ role: 'user', content: env('TURNPIKE_PROMPT') }];

// A tool the model is forced to call, so every backend must answer with a tool_use block.
const tools = [{
  name: 'get_weather',
  description: 'Current weather in a city',
  input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
}];
const toolChoice = { type: 'tool', name: 'get_weather' };
const toolMessages = [{ role: 'user', content: 'What is the weather in Paris?' }];

const toolCall = (message) => {
  const calls = message.content.filter((block) => block.type === 'tool_use');
  return { blocks: message.content.length, tool_uses: calls.map(({ id, name, input }) => ({ id, name, input })),
    stop_reason: message.stop_reason, usage: message.usage };
};

const text = (message) => message.content.filter((block) => block.type === 'text').map((block) => block.text).join('');

const operations = {
  async create() {
    const message = await client.messages.create({ model, max_tokens: 256, messages });
    return { text: text(message), stop_reason: message.stop_reason, usage: message.usage };
  },
  async stream() {
    let streamed = '';
    const stream = client.messages.stream({ model, max_tokens: 256, messages });
    stream.on('text', (delta) => { streamed += delta; });
    const message = await stream.finalMessage();
    return { text: streamed, final_text: text(message), stop_reason: message.stop_reason, usage: message.usage };
  },
  async tool() {
    const message = await client.messages.create({ model, max_tokens: 256, messages: toolMessages, tools,
      tool_choice: toolChoice });
    return toolCall(message);
  },
  async 'tool-stream'() {
    let partialJson = '';
    const stream = client.messages.stream({ model, max_tokens: 256, messages: toolMessages, tools,
      tool_choice: toolChoice });
    stream.on('inputJson', (partial) => { partialJson += partial; });
    const message = await stream.finalMessage();
    return { ...toolCall(message), streamed_input: JSON.parse(partialJson) };
  },
  async 'count-tokens'() {
    const counted = await client.messages.countTokens({ model, messages });
    return { input_tokens: counted.input_tokens };
  },
  async models() {
    const ids = [];
    for await (const info of client.models.list()) {
      ids.push({ id: info.id, display_name: info.display_name, type: info.type });
    }
    return { models: ids };
  },
};

const operation = operations[process.argv[2]];
if (!operation) {
  console.error(`unknown operation ${process.argv[2]}; one of ${Object.keys(operations).join(', ')}`);
  process.exit(2);
}
try {
  console.log(JSON.stringify({ ok: true, ...(await operation()) }));
} catch (error) {
  console.log(JSON.stringify({ ok: false, error: { status: error.status ?? null, name: error.name, message: String(error.message) } }));
  process.exit(1);
}
