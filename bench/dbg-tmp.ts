import { benchBotReply } from './bot-reply.ts';
const last = new Map<string, string>();
(globalThis as any).__t = (id: string, step: string) => last.set(id, `${Date.now() % 100000} ${step}`);
setTimeout(() => { for (const [k, v] of last) console.error(k, v); console.error('now', Date.now() % 100000); }, 20000);
try { console.log(JSON.stringify(await benchBotReply({ engine: 'postgres', customers: 20, messages: 20 }))); }
catch (e) { console.log(String(e)); }
process.exit(0);
