import { chromium } from 'playwright-core';
import { serve } from './server.mjs';
const server = await serve('/work/main/target/demo');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu'] });
const page = await browser.newPage();
await page.goto(`${server.url}?j=tongzhou&debounce=0`);
await page.waitForSelector('html[data-ready="true"]');
await page.click('button[data-sample="tongzhou"]');
await page.waitForFunction(() => document.querySelector('#f-name').value !== '');
const cdp = await page.context().newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
await cdp.send('Profiler.start');
const times = await page.evaluate(async () => {
  const field = document.querySelector('#f-totalInvestment'); const form = field.form; const t = [];
  for (let r = 0; r < 40; r++) for (const v of ['3','30','300','300.','300.0','300.01','300.0','300','30','3']) {
    await new Promise((res) => { form.addEventListener('govit:report', (e) => { t.push(e.detail.elapsedMs); res(); }, { once: true });
      field.value = v; field.dispatchEvent(new InputEvent('input', { bubbles: true })); });
  }
  t.sort((a,b)=>a-b); return { median: t[t.length>>1], p95: t[Math.floor(t.length*0.95)] };
});
const { profile } = await cdp.send('Profiler.stop');
console.log(times);
const self = new Map(); const byId = new Map(profile.nodes.map(n => [n.id, n]));
const dt = profile.timeDeltas; const counts = new Map();
profile.samples.forEach((id, i) => counts.set(id, (counts.get(id) || 0) + (dt[i] || 0)));
for (const [id, us] of counts) { const n = byId.get(id); const name = n.callFrame.functionName || n.callFrame.url.split('/').pop() || '(anon)'; self.set(name, (self.get(name) || 0) + us); }
const total = [...self.values()].reduce((a,b)=>a+b,0);
for (const [k,v] of [...self].sort((a,b)=>b[1]-a[1]).slice(0,40)) console.log((v/1000).toFixed(1).padStart(8), 'ms', (100*v/total).toFixed(1).padStart(5)+'%', k.slice(0,140));
await browser.close(); await server.close();
