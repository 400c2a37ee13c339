/**
 * GET /demo: a plausible customer web page (a small outdoor shop) that embeds the real widget
 * snippet, exactly as a webmaster would paste it. Self-contained: no external images or fonts,
 * only inline SVG and CSS gradients.
 *
 * With a nonce, the page sets itself a strict Content-Security-Policy (nonce-only scripts and
 * styles, no inline style attributes), so the demo also proves the widget works under one.
 */
import { embedSnippet } from '../../shared/snippet';

export interface DemoPageOptions {
  siteId: string;
  /** The server's public base URL, e.g. "http://localhost:3000" (no trailing slash needed). */
  publicUrl: string;
  nonce?: string;
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML content and double- or single-quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}

interface Product {
  name: string;
  blurb: string;
  price: string;
  art: string;
}

/** Small inline illustrations, one per product card. */
const ART = {
  tent: `<svg viewBox="0 0 160 110" aria-hidden="true"><defs><linearGradient id="t1" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#fde7c8"/><stop offset="1" stop-color="#f6c99a"/></linearGradient></defs><rect width="160" height="110" fill="url(#t1)"/><circle cx="122" cy="28" r="12" fill="#fff4dc"/><path d="M0 92 40 60l22 16 30-28 68 44v18H0Z" fill="#c9a27a"/><path d="M52 96 80 44l28 52Z" fill="#e8772e"/><path d="M80 44 70 96h20Z" fill="#b4541b"/><rect y="96" width="160" height="14" fill="#7a9a64"/></svg>`,
  jacket: `<svg viewBox="0 0 160 110" aria-hidden="true"><rect width="160" height="110" fill="#dfe9f0"/><path d="M62 22h36l24 14 10 44-14 4-6-26v48H48V58l-6 26-14-4 10-44Z" fill="#2f6b4f"/><path d="M80 22v82" stroke="#1f4d3a" stroke-width="3"/><path d="M66 22 80 34l14-12" fill="none" stroke="#1f4d3a" stroke-width="3"/><rect x="56" y="62" width="14" height="4" rx="2" fill="#a7c4b5"/><rect x="90" y="62" width="14" height="4" rx="2" fill="#a7c4b5"/></svg>`,
  bottle: `<svg viewBox="0 0 160 110" aria-hidden="true"><rect width="160" height="110" fill="#f1e9dc"/><rect x="68" y="10" width="24" height="12" rx="3" fill="#3c3c3c"/><rect x="62" y="22" width="36" height="80" rx="12" fill="#e8772e"/><rect x="62" y="48" width="36" height="22" fill="#f3a369"/><path d="M74 54h12l-6 10Z" fill="#fff"/></svg>`,
  boots: `<svg viewBox="0 0 160 110" aria-hidden="true"><rect width="160" height="110" fill="#e7efe4"/><path d="M34 30h30v44l30 10c6 2 8 6 8 12v4H34Z" fill="#8a5a3b"/><path d="M34 92h68v8H34Z" fill="#3c2a1e"/><path d="M40 40h20M40 50h20M40 60h20" stroke="#e8c9a6" stroke-width="3" stroke-linecap="round"/><path d="M70 32h28v40l26 8c5 2 7 5 7 10v4H70Z" fill="#a86f48" opacity=".9"/><path d="M70 88h61v8H70Z" fill="#4b3424"/></svg>`,
};

const PRODUCTS: Product[] = [
  {
    name: 'Basecamp 2 Tent',
    blurb: 'Two-person, 2.1 kg, pitches in four minutes.',
    price: '€249',
    art: ART.tent,
  },
  {
    name: 'Drift Shell Jacket',
    blurb: 'Waterproof, breathable, packs into its pocket.',
    price: '€179',
    art: ART.jacket,
  },
  {
    name: 'Trail Bottle 750',
    blurb: 'Insulated steel: cold for 24 h, hot for 12 h.',
    price: '€32',
    art: ART.bottle,
  },
  {
    name: 'Summit Mid Boots',
    blurb: 'Grippy soles, broken in from the first day.',
    price: '€159',
    art: ART.boots,
  },
];

const HERO_ART = `<svg viewBox="0 0 480 360" role="img" aria-label="The Ridgeline 38 backpack in forest green">
<defs>
<linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#cfe4dc"/><stop offset="1" stop-color="#f5efe6"/></linearGradient>
<linearGradient id="pack" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#3b8062"/><stop offset="1" stop-color="#1f4d3a"/></linearGradient>
</defs>
<rect width="480" height="360" rx="24" fill="url(#sky)"/>
<path d="M0 270 110 150l70 70 90-110 110 120 100-60v190H0Z" fill="#a9c6b8"/>
<path d="M0 300 140 210l90 60 100-70 150 90v70H0Z" fill="#7fa896"/>
<rect x="170" y="70" width="140" height="220" rx="46" fill="url(#pack)"/>
<rect x="190" y="150" width="100" height="92" rx="20" fill="#2a6049"/>
<rect x="204" y="166" width="72" height="8" rx="4" fill="#e8772e"/>
<path d="M196 110c0-22 88-22 88 0" fill="none" stroke="#173a2c" stroke-width="10" stroke-linecap="round"/>
<rect x="222" y="52" width="36" height="28" rx="10" fill="none" stroke="#173a2c" stroke-width="8"/>
<circle cx="240" cy="210" r="6" fill="#f5efe6"/>
</svg>`;

function productCard(p: Product): string {
  return `<li class="card">
  <div class="card-art">${p.art}</div>
  <div class="card-body">
    <h3>${escapeHtml(p.name)}</h3>
    <p>${escapeHtml(p.blurb)}</p>
    <div class="card-foot"><span class="price">${escapeHtml(p.price)}</span><a href="#" class="link">View</a></div>
  </div>
</li>`;
}

const CSS = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font-family:Georgia,'Iowan Old Style','Palatino Linotype',serif;color:#23302a;background:#f5efe6;line-height:1.55}
a{color:inherit}
.wrap{max-width:1120px;margin:0 auto;padding:0 24px}
.topbar{margin:0;background:#1f4d3a;color:#e6efe9;font:13px/1.4 system-ui,sans-serif;text-align:center;padding:8px 16px}
header.site{background:#fffaf3;border-bottom:1px solid #e7dccb}
.nav{display:flex;align-items:center;gap:28px;height:68px}
.logo{display:flex;align-items:center;gap:10px;font-weight:700;font-size:20px;text-decoration:none;letter-spacing:.01em}
.logo svg{width:30px;height:30px}
.nav ul{display:flex;gap:22px;list-style:none;margin:0;padding:0;font:15px system-ui,sans-serif}
.nav ul a{text-decoration:none;color:#4a5a52}
.nav ul a:hover{color:#1f4d3a}
.cart{margin-left:auto;font:14px system-ui,sans-serif;text-decoration:none;border:1px solid #d8cbb7;border-radius:999px;padding:8px 14px}
.crumbs{font:13px system-ui,sans-serif;color:#5d6862;margin:22px 0 0}
.hero{display:grid;grid-template-columns:1.05fr 1fr;gap:48px;align-items:center;padding:24px 0 56px}
.hero-art svg{width:100%;height:auto;display:block;filter:drop-shadow(0 18px 30px rgba(31,77,58,.18))}
.tag{display:inline-block;font:600 12px system-ui,sans-serif;letter-spacing:.08em;text-transform:uppercase;color:#97420f;background:#fbe3d1;border-radius:999px;padding:5px 10px}
h1{font-size:44px;line-height:1.1;margin:14px 0 10px;letter-spacing:-.01em}
.lead{font-size:18px;color:#4a5a52;margin:0 0 18px}
.rating{font:14px system-ui,sans-serif;color:#56615b;margin:0 0 18px}
.stars{color:#e8a13a;letter-spacing:2px}
.buy{display:flex;align-items:center;gap:18px;flex-wrap:wrap}
.big-price{font-size:30px;font-weight:700}
.swatches{display:flex;gap:10px;margin:0 0 22px;padding:0;list-style:none}
.swatches li{width:28px;height:28px;border-radius:50%;border:3px solid #fffaf3;box-shadow:0 0 0 1px #cbbfae}
.swatches .s1{background:#2f6b4f;box-shadow:0 0 0 2px #1f4d3a}.swatches .s2{background:#e8772e}.swatches .s3{background:#3c4a56}
.button{font:600 16px system-ui,sans-serif;border:0;border-radius:12px;padding:14px 26px;background:#b3531a;color:#fff;cursor:pointer;box-shadow:0 8px 18px -6px rgba(179,83,26,.6)}
.button:hover{background:#9c4714}
.ghost{background:transparent;color:#1f4d3a;box-shadow:inset 0 0 0 2px #1f4d3a}
.ghost:hover{background:#e8f0eb}
.perks{display:flex;gap:18px;flex-wrap:wrap;list-style:none;padding:0;margin:22px 0 0;font:14px system-ui,sans-serif;color:#4a5a52}
.perks li::before{content:'✓ ';color:#2f6b4f;font-weight:700}
section.more{padding:8px 0 64px}
h2{font-size:28px;margin:0 0 20px}
.grid{display:grid;grid-template-columns:repeat(4,1fr);gap:22px;list-style:none;margin:0;padding:0}
.card{background:#fffaf3;border-radius:16px;overflow:hidden;box-shadow:0 1px 0 #e7dccb,0 10px 24px -14px rgba(35,48,42,.35)}
.card-art svg{display:block;width:100%;height:auto}
.card-body{padding:14px 16px 16px}
.card h3{margin:0 0 4px;font-size:17px}
.card p{margin:0 0 12px;font:14px/1.45 system-ui,sans-serif;color:#5d6862}
.card-foot{display:flex;justify-content:space-between;align-items:center;font-family:system-ui,sans-serif}
.price{font-weight:700}
.link{font-size:14px;color:#2f6b4f}
.help{background:#1f4d3a;color:#e6efe9;border-radius:20px;padding:32px;display:flex;gap:24px;align-items:center;justify-content:space-between;flex-wrap:wrap;margin-bottom:64px}
.help h2{color:#fff;margin:0 0 6px}
.help p{margin:0;font:15px system-ui,sans-serif;opacity:.85}
.help .button{background:#fffaf3;color:#1f4d3a;box-shadow:none}
footer{background:#17382b;color:#b9cbc1;font:14px system-ui,sans-serif;padding:40px 0}
.foot{display:flex;justify-content:space-between;gap:24px;flex-wrap:wrap}
footer ul{list-style:none;margin:0;padding:0;display:flex;gap:20px;flex-wrap:wrap}
footer a{text-decoration:none}
.toast{position:fixed;left:50%;top:20px;transform:translateX(-50%);background:#23302a;color:#fff;font:14px system-ui,sans-serif;padding:12px 18px;border-radius:12px;box-shadow:0 12px 30px rgba(0,0,0,.25);opacity:0;transition:opacity .3s;pointer-events:none}
.toast.show{opacity:1}
@media (max-width:900px){.hero{grid-template-columns:1fr;gap:24px}.grid{grid-template-columns:repeat(2,1fr)}.nav ul{display:none}h1{font-size:34px}}
@media (max-width:480px){.grid{grid-template-columns:1fr}.wrap{padding:0 16px}.help{padding:24px}.nav{gap:12px}.logo{font-size:17px;white-space:nowrap}.cart{white-space:nowrap;padding:7px 12px}.topbar{font-size:12px}}
`;

/** The host page's own use of the widget's API: a "Chat with us" button and a toast on rating. */
const PAGE_SCRIPT = `
document.getElementById('contact').addEventListener('click', function () { peakend('open'); });
peakend('on', 'rated', function () {
  var toast = document.getElementById('toast');
  toast.textContent = 'Thanks for your feedback!';
  toast.classList.add('show');
  setTimeout(function () { toast.classList.remove('show'); }, 3500);
});
`;

export function renderDemoPage(opts: DemoPageOptions): string {
  const base = opts.publicUrl.replace(/\/+$/, '');
  const nonceAttr = opts.nonce ? ` nonce="${escapeHtml(opts.nonce)}"` : '';
  let csp = '';
  if (opts.nonce) {
    const origin = new URL(base).origin;
    const ws = origin.replace(/^http/, 'ws');
    const n = `'nonce-${opts.nonce}'`;
    csp = `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(
      `default-src 'none'; script-src ${n}; style-src ${n}; img-src data:; ` +
        `connect-src ${origin} ${ws}; base-uri 'none'; form-action 'none'`,
    )}">`;
  }

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${csp}
<title>Ridgeline 38 Backpack · Northwind Outfitters</title>
<meta name="description" content="A demo shop page embedding the Peakend chat widget.">
<style${nonceAttr}>${CSS}</style>
</head>
<body>
<header class="site">
  <p class="topbar">Free shipping on orders over €60 · 60-day returns · This is a demo shop for Peakend</p>
  <div class="wrap nav">
    <a class="logo" href="#"><svg viewBox="0 0 32 32" aria-hidden="true"><circle cx="16" cy="16" r="15" fill="#1f4d3a"/><path d="M5 23 13 12l4 5 4-6 6 12Z" fill="#f5efe6"/><circle cx="22" cy="9" r="2.5" fill="#e8772e"/></svg>Northwind Outfitters</a>
    <nav aria-label="Main"><ul><li><a href="#">Packs</a></li><li><a href="#">Tents</a></li><li><a href="#">Clothing</a></li><li><a href="#">Footwear</a></li><li><a href="#">Journal</a></li></ul></nav>
    <a class="cart" href="#">Cart (0)</a>
  </div>
</header>
<main>
  <div class="wrap">
    <p class="crumbs">Home / Packs / Daypacks &amp; hiking</p>
    <section class="hero">
      <div class="hero-art">${HERO_ART}</div>
      <div>
        <span class="tag">New this season</span>
        <h1>Ridgeline 38 Backpack</h1>
        <p class="lead">A light, tough pack for long days and quick overnights: a ventilated back panel, a roll-top that keeps the rain out, and pockets where your hands expect them.</p>
        <p class="rating"><span class="stars" aria-hidden="true">★★★★★</span> 4.8 · 312 reviews</p>
        <ul class="swatches" aria-label="Colours"><li class="s1" title="Forest"></li><li class="s2" title="Ember"></li><li class="s3" title="Slate"></li></ul>
        <div class="buy">
          <span class="big-price">€139</span>
          <button class="button" type="button">Add to cart</button>
        </div>
        <ul class="perks"><li>Ships tomorrow</li><li>Lifetime repairs</li><li>Recycled fabric</li></ul>
      </div>
    </section>
    <section class="more" aria-labelledby="more-title">
      <h2 id="more-title">You might also like</h2>
      <ul class="grid">${PRODUCTS.map(productCard).join('')}</ul>
    </section>
    <section class="help" aria-labelledby="help-title">
      <div>
        <h2 id="help-title">Not sure which size fits?</h2>
        <p>Our gear experts answer in minutes, every day from 8:00 to 22:00.</p>
      </div>
      <button class="button ghost" id="contact" type="button">Chat with an expert</button>
    </section>
  </div>
</main>
<footer>
  <div class="wrap foot">
    <span>© Northwind Outfitters · a demo shop, nothing here is for sale</span>
    <ul><li><a href="#">Shipping</a></li><li><a href="#">Returns</a></li><li><a href="#">Privacy</a></li><li><a href="#">Contact</a></li></ul>
  </div>
</footer>
<div class="toast" id="toast" role="status"></div>

<!-- Peakend chat widget: the snippet exactly as the console gives it to webmasters -->
${embedSnippet({ publicUrl: base, siteId: opts.siteId, data: { color: '#2f6b4f' }, nonce: opts.nonce })}

<script${nonceAttr}>${PAGE_SCRIPT}</script>
</body>
</html>
`;
}
