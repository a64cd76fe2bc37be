import { chromium } from 'playwright-core';
const base='http://127.0.0.1:3500';
const b = await chromium.launch({ executablePath:'/usr/bin/chromium', args:['--headless','--no-sandbox','--disable-gpu']});
const c = await b.newContext({baseURL:base, viewport:{width:1366,height:900}, locale:'vi-VN'});
const p = await c.newPage();
const problems:string[]=[];
p.on('console', m=>{ if (m.type()==='error'||m.type()==='warning') problems.push(m.text().slice(0,200)); });
p.on('pageerror', e=>problems.push('pageerror '+e.message));
await p.goto('/dang-nhap'); await p.fill('input[name="username"]','lanhdao'); await p.fill('input[name="password"]','ThiDua@2026');
await Promise.all([p.waitForURL(u=>!u.pathname.startsWith('/dang-nhap')), p.press('input[name="password"]','Enter')]);
for (const path of ['/?period=2023','/?period=2023']) { const r = await p.goto(path); console.log(path, r?.status(), r?.headers()['x-thidua-cache']); }
await p.waitForSelector('svg.recharts-surface');
await p.screenshot({path:'/tmp/pc/overview.png', fullPage:false});
// client navigation via menu
const rscSeen:string[]=[]; p.on('response', r=>{ if (r.url().includes('_rsc')) rscSeen.push(r.status()+' '+(r.headers()['x-thidua-cache']??'-')+' '+r.url().replace(base,'')); });
await p.click('nav >> text=Hoạt động'); await p.waitForURL('**/hoat-dong'); await p.waitForTimeout(800);
await p.goBack(); await p.waitForTimeout(500);
await p.click('nav >> text=Hoạt động'); await p.waitForURL('**/hoat-dong'); await p.waitForTimeout(800);
await p.screenshot({path:'/tmp/pc/activities.png'});
console.log(rscSeen.join('\n')); console.log('problems:', problems);
await b.close();
