// The console's page: the jobs list (#/) and a job's page (#/jobs/<id>), kept current by the
// console's event stream. Requests go to the console's own origin with the browser's credentials.
'use strict';

const STAGES = {ZERO_DOWNTIME: ['PREPARE', 'SNAPSHOT', 'SYNCING', 'STOPPING', 'VERIFYING', 'DONE'],
  OFFLINE: ['PREPARE', 'SNAPSHOT', 'VERIFYING', 'DONE']};
const DEFAULT_THRESHOLD_MS = 10000;
const jobs = new Map();
const lagPoints = new Map();
// Jobs whose writes-stopped box is ticked: the page is redrawn on every event, the tick must stay.
const confirmed = new Set();
// Statuses each job's page got from the event stream, which delivers them in order: a job's own page
// (GET) that was answered while one arrived may be older than it, so only its extra fields are taken.
const streamed = new Map();
let events = null;

const el = (tag, attrs = {}, ...children) => {
  const node = document.createElement(tag);
  Object.entries(attrs).forEach(([k, v]) => (k.startsWith('on') ? node.addEventListener(k.slice(2), v) : node.setAttribute(k, v)));
  children.flat().forEach(c => node.append(c instanceof Node ? c : document.createTextNode(c ?? '')));
  return node;
};

function showError(message) {
  const error = document.getElementById('error');
  error.textContent = message || '';
  error.hidden = !message;
}

async function call(method, path, body) {
  const response = await fetch(path, {method, headers: body ? {'Content-Type': 'application/json'} : {},
    body: body ? JSON.stringify(body) : undefined});
  const data = await response.json();
  if (!response.ok) {
    throw new Error(data.detail || response.statusText);
  }
  return data;
}

function route() {
  const match = location.hash.match(/^#\/jobs\/(.+)$/);
  return match ? decodeURIComponent(match[1]) : null;
}

function listen() {
  events = new EventSource('/v2/events');
  events.addEventListener('job', e => {
    const job = JSON.parse(e.data);
    const known = jobs.get(job.jobId);
    if (known && known.proxy && !job.proxy) { job.proxy = known.proxy; } // only the job's own page carries it
    if (known && known.verification && !job.verification) { job.verification = known.verification; }
    streamed.set(job.jobId, (streamed.get(job.jobId) || 0) + 1);
    jobs.set(job.jobId, job);
    render();
    if (route() === job.jobId && !['PENDING', 'IN_PROGRESS'].includes(job.state)) {
      refreshJob(job.jobId); // the verification report comes with the job's own page
    }
  });
  events.addEventListener('lag', e => {
    const lag = JSON.parse(e.data);
    const points = lagPoints.get(lag.jobId) || [];
    points.push({at: Date.parse(lag.computedAt), lagMs: lag.lagMs});
    lagPoints.set(lag.jobId, points.slice(-300));
    const job = jobs.get(lag.jobId);
    if (job) { job.lag = lag; }
    render();
  });
  events.addEventListener('notification', e => { const n = JSON.parse(e.data); const job = jobs.get(n.jobId); if (job) { job.notification = n; render(); } });
}

function render() {
  const job = route();
  const main = document.getElementById('main');
  main.replaceChildren(job ? jobPage(job) : jobsList());
  if (job) { drawLag(job); }
}

function stateCell(state) {
  return el('td', {class: 'state-' + state}, state);
}

function jobsList() {
  if (jobs.size === 0) {
    return el('p', {}, 'No jobs yet.');
  }
  return el('table', {id: 'jobs'},
    el('tr', {}, ['Job', 'Mode', 'State', 'Stage', 'Progress', 'Lag', 'Started', 'Ended'].map(h => el('th', {}, h))),
    [...jobs.values()].map(job => el('tr', {'data-job': job.jobId},
      el('td', {}, el('a', {href: '#/jobs/' + encodeURIComponent(job.jobId)}, job.jobId)),
      el('td', {}, job.mode), stateCell(job.state), el('td', {}, job.stage),
      el('td', {}, job.percent.toFixed(1) + '% (' + job.rowsCopied + '/' + job.rowsTotal + ' rows)'),
      el('td', {}, job.lag ? (job.lag.lagMs / 1000).toFixed(1) + ' s' : '-'),
      el('td', {}, job.startedAt || '-'), el('td', {}, job.endedAt || '-'))));
}

function jobPage(id) {
  const job = jobs.get(id);
  if (!job) {
    return el('p', {}, 'No job ' + id + '.');
  }
  const stages = STAGES[job.mode] || STAGES.ZERO_DOWNTIME;
  const stageIndex = stages.indexOf(job.stage);
  const running = job.state === 'PENDING' || job.state === 'IN_PROGRESS';
  return el('div', {id: 'job'},
    el('h2', {}, job.jobId, ' ', el('span', {id: 'state', class: 'state-' + job.state}, job.state)),
    el('p', {}, job.mode, ': ', job.source || '?', ' → ', job.target || '?', job.reason ? ' — ' + job.reason : ''),
    el('ul', {class: 'stages'}, stages.map((s, i) => el('li', {class: i < stageIndex || job.stage === 'DONE' ? 'done' : i === stageIndex ? 'current' : ''}, s))),
    job.warnings.map(w => el('p', {class: 'notification'}, w)),
    job.notification ? el('p', {class: 'notification', id: 'notification'}, job.notification.message) : '',
    el('table', {id: 'collections'}, el('tr', {}, ['Collection', 'State', 'Rows', 'Progress'].map(h => el('th', {}, h))),
      job.collections.map(c => el('tr', {},
        el('td', {}, c.database + '.' + c.collection), stateCell(c.state), el('td', {}, c.rowsCopied + '/' + c.rowsTotal),
        el('td', {}, el('div', {class: 'bar'}, el('div', {style: 'width:' + c.percent + '%'})))))),
    job.mode === 'ZERO_DOWNTIME' ? el('div', {},
      el('h3', {}, 'Lag Behind Source: ', el('span', {id: 'lag'}, job.lag ? (job.lag.lagMs / 1000).toFixed(1) + ' s' : '-')),
      el('canvas', {id: 'lag-chart', width: 640, height: 200})) : '',
    job.proxy ? el('p', {id: 'proxy'}, job.proxy) : '',
    running && job.proxy ? cutover(job) : '',
    running && job.mode === 'ZERO_DOWNTIME' ? stopSync(job) : '',
    running ? el('p', {}, el('button', {id: 'cancel', onclick: () => control(job, 'cancel', {})}, 'Cancel job')) : '',
    verification(job));
}

function cutover(job) {
  return el('p', {}, el('button', {id: 'cutover', onclick: () => control(job, 'cutover', {})}, 'Cut over through the proxy'),
    ' holds the applications\' writes for a moment, stops the sync and switches the proxy to the target; the applications keep writing.');
}

function stopSync(job) {
  const box = el('input', {type: 'checkbox', id: 'confirm'});
  box.checked = confirmed.has(job.jobId);
  const button = el('button', {id: 'stop-sync', onclick: () => control(job, 'stop-sync', {confirmWritesStopped: box.checked})}, 'Stop Data Sync');
  button.disabled = !box.checked;
  box.addEventListener('change', () => {
    if (box.checked) { confirmed.add(job.jobId); } else { confirmed.delete(job.jobId); }
    button.disabled = !box.checked;
  });
  return el('div', {class: 'stop'}, el('label', {}, box, ' I confirm that I have stopped writes to the source cluster'), ' ', button);
}

async function control(job, action, body) {
  try {
    await call('POST', '/v2/jobs/' + encodeURIComponent(job.jobId) + '/' + action, body);
    showError('');
  } catch (e) {
    showError(e.message);
  }
}

function verification(job) {
  if (!job.verification || job.verification.length === 0) {
    return '';
  }
  return el('div', {}, el('h3', {}, 'Verification'), el('table', {id: 'verification'},
    el('tr', {}, ['Source', 'Target', 'Source rows', 'Target rows', 'Missing', 'Unexpected', 'Differ/compared', 'Result'].map(h => el('th', {}, h))),
    job.verification.map(v => el('tr', {},
      el('td', {}, v.database + '.' + v.collection), el('td', {}, v.targetDatabase + '.' + v.collection),
      el('td', {}, v.sourceCount), el('td', {}, v.targetCount), el('td', {}, v.missingInTarget),
      el('td', {}, v.unexpectedInTarget), el('td', {}, v.mismatched + '/' + v.sampled),
      el('td', {class: v.passed ? 'state-SUCCESSFUL' : 'failed'}, v.passed ? 'passed' : 'FAILED')))));
}

function drawLag(id) {
  const canvas = document.getElementById('lag-chart');
  if (!canvas) { return; }
  const job = jobs.get(id);
  const threshold = (job.notification && job.notification.thresholdMs) || DEFAULT_THRESHOLD_MS;
  const points = lagPoints.get(id) || [];
  const g = canvas.getContext('2d');
  const w = canvas.width, h = canvas.height, pad = 30;
  const max = Math.max(threshold * 1.5, ...points.map(p => p.lagMs));
  const y = ms => h - pad - (h - 2 * pad) * ms / max;
  g.clearRect(0, 0, w, h);
  g.fillStyle = '#555'; g.font = '11px sans-serif';
  g.fillText((max / 1000).toFixed(0) + ' s', 2, pad); g.fillText('0 s', 2, h - pad);
  g.strokeStyle = '#b3261e'; g.setLineDash([6, 4]);
  g.beginPath(); g.moveTo(pad, y(threshold)); g.lineTo(w, y(threshold)); g.stroke();
  g.fillStyle = '#b3261e'; g.fillText((threshold / 1000) + ' s', w - 40, y(threshold) - 4);
  g.setLineDash([]);
  if (points.length > 1) {
    const t0 = points[0].at, t1 = points[points.length - 1].at;
    const x = t => pad + (w - pad) * (t - t0) / Math.max(1, t1 - t0);
    g.strokeStyle = '#2f7ed8'; g.lineWidth = 2; g.beginPath();
    points.forEach((p, i) => (i ? g.lineTo(x(p.at), y(p.lagMs)) : g.moveTo(x(p.at), y(p.lagMs))));
    g.stroke(); g.lineWidth = 1;
  }
}

async function refreshJob(id) {
  try {
    const before = streamed.get(id) || 0;
    const page = await call('GET', '/v2/jobs/' + encodeURIComponent(id));
    const known = jobs.get(id);
    const job = known && streamed.get(id) !== before ? {...known, verification: page.verification, proxy: page.proxy} : page;
    jobs.set(id, job);
    render();
    if (job.proxy && job.proxy.startsWith('Cutover under way')) {
      setTimeout(() => refreshJob(id), 1000); // the proxy records its switch just after the job's end
    }
  } catch (e) {
    showError(e.message);
  }
}

window.addEventListener('hashchange', () => { const id = route(); if (id) { refreshJob(id); } render(); });
call('GET', '/v2/jobs').then(data => {
  data.jobs.forEach(job => jobs.set(job.jobId, job));
  render();
  listen();
  const id = route();
  if (id) { refreshJob(id); }
}).catch(e => showError(e.message));
