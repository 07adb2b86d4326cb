namespace Actors.Console.Tests.Infrastructure;

/// <summary>What the accessibility tests measure in the browser: contrast and controls' names.</summary>
public static class Accessibility
{
    /// <summary>Every form control on the page has a name a screen reader reads (a label or aria-label); answers the unnamed ones.</summary>
    public const string UnlabelledControls = """
        return [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
          .filter(e => !(e.labels?.length) && !e.getAttribute('aria-label') && !e.closest('label'))
          .map(e => e.outerHTML.slice(0, 80));
        """;

    /// <summary>Buttons and links with no text a screen reader reads; answers them.</summary>
    public const string UnnamedButtonsAndLinks = """
        return [...document.querySelectorAll('button, a[href]')]
          .filter(e => !e.textContent.trim() && !e.getAttribute('aria-label') && !e.getAttribute('title'))
          .map(e => e.outerHTML.slice(0, 80));
        """;

    /// <summary>
    /// WCAG 2.x contrast, measured in the browser from computed styles: every visible piece of text against the
    /// colour actually behind it (ancestors' backgrounds composited over the white canvas), 4.5:1 for normal text
    /// and 3:1 for large text (24 px, or 18.66 px bold); and the borders that mark form controls (3:1, non-text
    /// contrast). The team graph's SVG text is measured against its node's fill. Disabled controls are exempt, as
    /// WCAG exempts them; the report's charts are drawn by the report, not by the console's stylesheet, and are left out.
    /// Answers one line per failing pair: what, its colours, the ratio and the ratio it needs.
    /// </summary>
    public const string ContrastFailures = """
        const parse = (text) => {
          const m = /^rgba?\(([^)]+)\)$/.exec(text ?? '');
          if (!m) return null;
          const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number);
          return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
        };
        const over = (top, under) => [0, 1, 2].map(i => top[i] * top[3] + under[i] * (1 - top[3])).concat(1);
        const luminance = (c) => {
          const [r, g, b] = c.slice(0, 3).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
          return 0.2126 * r + 0.7152 * g + 0.0722 * b;
        };
        const ratio = (a, b) => { const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
        const hex = (c) => '#' + c.slice(0, 3).map(v => Math.round(v).toString(16).padStart(2, '0')).join('');
        const behind = (element) => {
          const layers = [];
          for (let e = element; e && e.nodeType === 1; e = e.parentElement) {
            const colour = parse(getComputedStyle(e).backgroundColor);
            if (colour && colour[3] > 0) layers.push(colour);
            if (colour && colour[3] === 1) break;
          }
          return layers.reverse().reduce((under, top) => over(top, under), [255, 255, 255, 1]);
        };
        const shown = (e) => {
          const style = getComputedStyle(e);
          if (style.visibility !== 'visible' || e.closest('.visually-hidden, [hidden], .charts, :disabled')) return false;
          const box = e.getBoundingClientRect();
          return box.width > 1 && box.height > 1;
        };
        const name = (e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.getAttribute('class') ? '.' + e.getAttribute('class').trim().split(/\s+/).join('.') : '');
        const failures = [];
        const check = (e, fg, bg, need, what) => {
          if (!fg) { failures.push(`${name(e)} (${what}): colour ${getComputedStyle(e).color} not understood`); return; }
          const colour = over(fg, bg);
          const r = ratio(colour, bg);
          if (r + 1e-9 < need) failures.push(`${name(e)} "${what}": ${hex(colour)} on ${hex(bg)} is ${r.toFixed(2)}:1, needs ${need}:1`);
        };
        const textOf = (e) => [...e.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent).join('').trim();
        for (const e of document.querySelectorAll('body *')) {
          if (e instanceof SVGElement) continue;
          const text = ['INPUT', 'TEXTAREA'].includes(e.tagName) ? (e.type === 'hidden' ? '' : e.value || '') : e.tagName === 'SELECT' ? e.selectedOptions[0]?.text ?? '' : textOf(e);
          if (text && shown(e)) {
            const style = getComputedStyle(e);
            const size = parseFloat(style.fontSize);
            const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
            check(e, parse(style.color), behind(e), large ? 3 : 4.5, text.slice(0, 40));
          }
          if (e.matches('input:not([type=hidden]):not([type=checkbox]):not([type=radio]):not([type=file]), select, textarea') && shown(e)) {
            const style = getComputedStyle(e);
            check(e, parse(style.borderTopColor), behind(e.parentElement), 3, 'its border');
          }
        }
        for (const t of document.querySelectorAll('.team-graph svg text')) {
          if (!shown(t) || !t.textContent.trim()) continue;
          const node = t.closest('g')?.querySelector('rect');
          const bg = node ? over(parse(getComputedStyle(node).fill) ?? [255, 255, 255, 1], behind(t.closest('svg'))) : behind(t.closest('svg'));
          const size = parseFloat(getComputedStyle(t).fontSize);
          check(t, parse(getComputedStyle(t).fill), bg, size >= 24 || (size >= 18.66 && Number(getComputedStyle(t).fontWeight) >= 700) ? 3 : 4.5, t.textContent.trim().slice(0, 40));
        }
        return failures;
        """;

    /// <summary>
    /// One element of every text style the stylesheet gives (status and severity badges, alerts, errors, hints,
    /// buttons, messages…), added to the page so a state the test's data does not reach is still measured.
    /// </summary>
    public const string Samples = """
        const sheet = document.createElement('section');
        sheet.id = 'contrast-samples';
        sheet.innerHTML = `
          <p><span class="badge">plain</span>
          ${['queued', 'running', 'started', 'progress', 'step', 'info', 'completed', 'success', 'failed', 'critical', 'cancelled', 'warning', 'other']
            .map(k => `<span class="badge badge-${k}">${k}</span>`).join(' ')}</p>
          <p class="alert error">An error <small>(request r1)</small></p><p class="alert success">Saved</p>
          <div class="field"><p class="field-error">A field's error</p><p class="hint">A hint</p></div>
          <p class="muted">Muted</p><p class="crumbs">Crumbs</p><span class="live-state">connecting</span><span class="live-state" data-state="live">live</span>
          <button>Plain</button><button class="primary">Primary</button><button class="danger">Danger</button><button class="small">Small</button>
          <button class="link">Link button</button><a class="button primary" href="#">Link primary</a><a href="#">A link</a>
          <div class="drop-zone"><p>Drop here <label class="link">choose</label></p><span class="file-name">No file</span></div>
          <div class="drop-zone over"><p>Dragging over</p></div>
          <table><thead><tr><th>Head</th></tr></thead><tbody><tr><td>Cell</td></tr></tbody></table>
          <dl class="facts"><dt>Term</dt><dd>Value</dd></dl>
          <ol class="timeline"><li class="event"><span class="event-time">12:00</span><dl class="event-data"><dt>tool</dt><dd>x</dd></dl></li></ol>
          <div class="kpi"><span class="kpi-value">1</span><span class="kpi-unit">ms</span><span class="kpi-name">name</span></div>
          <ul class="messages"><li class="message user"><p class="sender">You</p><p class="text">Hello</p><p class="meta muted">now</p></li>
            <li class="message"><p class="sender">Agent</p><p class="text">Hi</p></li></ul>
          <nav class="tabs"><a href="#" aria-current="page">Current</a><a href="#">Other</a></nav>
          <p class="secret"><code>ak_x</code></p><pre>pre</pre><p class="empty">Nothing yet</p>`;
        document.querySelector('main').append(sheet);
        """;
}
