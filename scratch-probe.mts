import { chromium } from 'playwright-core';
const base='http://127.0.0.1:3500';
const b = await chromium.launch({ executablePath:'/usr/bin/chromium', args:['--headless','--no-sandbox','--disable-gpu']});
const l = await b.newContext({baseURL:base});
await l.request.post('/api/auth/login',{form:{username:'lanhdao',password:'ThiDua@2026'},headers:{origin:base},maxRedirects:0});
const st = await l.storageState();
for (let i=0;i<4;i++){
const c = await b.newContext({storageState:st, viewport:{width:1366,height:900}});
const p = await c.newPage();
const cdp = await c.newCDPSession(p); await cdp.send('Performance.enable');
await p.addInitScript(`new MutationObserver((_, o)=>{ if(document.querySelector('svg.recharts-surface path, svg.recharts-surface rect')){window.__fc=performance.now();o.disconnect();}}).observe(document,{childList:true,subtree:true});`);
await p.goto(base+'/');
await p.waitForFunction(()=> (window as any).__fc);
const m = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((x:any)=>[x.name,x.value]));
const r = await p.evaluate(()=>{const n:any=performance.getEntriesByType('navigation')[0]; return {fc:(window as any).__fc, ttfb:n.responseStart, dcl:n.domContentLoadedEventEnd, load:n.loadEventEnd, nodes: document.getElementsByTagName('*').length}});
console.log(JSON.stringify({fc:Math.round(r.fc), ttfb:Math.round(r.ttfb), dcl:Math.round(r.dcl), load:Math.round(r.load), nodes:r.nodes, script:Math.round(m.ScriptDuration*1000), layout:Math.round(m.LayoutDuration*1000), style:Math.round(m.RecalcStyleDuration*1000), task:Math.round(m.TaskDuration*1000)}));
await c.close();}
await b.close();
