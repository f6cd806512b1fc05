// meshfleet dashboard: live plan boards (server-sent events), the reason dialog of the operator actions,
// soak countdowns and the audit chain status. Plain JavaScript, no build step; served with a CSP that allows
// only this file.
(function () {
  'use strict';

  function csrf() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.content : '';
  }

  function human(seconds) {
    var s = Math.max(0, seconds | 0);
    if (s < 60) { return s + 's'; }
    if (s < 3600) { return Math.floor(s / 60) + 'm ' + String(s % 60).padStart(2, '0') + 's'; }
    return Math.floor(s / 3600) + 'h ' + String(Math.floor((s % 3600) / 60)).padStart(2, '0') + 'm';
  }

  // The session cookie is SameSite=Strict: a link followed from another site (chat, mail) arrives without it.
  // The server marks such a login page (data-retry); it retries the target once from here, a same-site
  // navigation that carries the cookie.
  var login = document.getElementById('login');
  if (login) {
    var next = login.dataset.next;
    var tried = sessionStorage.getItem('meshfleet.retried');
    if (login.dataset.retry === 'true' && next && tried !== next) {
      sessionStorage.setItem('meshfleet.retried', next);
      location.replace(next);
      return;
    }
    login.addEventListener('submit', function () { sessionStorage.removeItem('meshfleet.retried'); });
    return;
  }
  sessionStorage.removeItem('meshfleet.retried');

  setInterval(function () {
    document.querySelectorAll('.countdown[data-seconds]').forEach(function (el) {
      var s = parseInt(el.dataset.seconds, 10);
      if (s > 0) {
        el.dataset.seconds = String(s - 1);
        el.textContent = human(s - 1);
      }
    });
  }, 1000);

  var chain = document.getElementById('chain');
  if (chain) {
    fetch(chain.dataset.verify, { credentials: 'same-origin' })
      .then(function (r) { if (!r.ok) { throw new Error('HTTP ' + r.status); } return r.json(); })
      .then(function (v) {
        chain.textContent = v.valid ? 'Chain verified: ' + v.checked + ' entries intact'
          : 'Chain BROKEN at entry ' + v.firstBroken + ' (' + v.problem + ')';
        chain.className = 'chain ' + (v.valid ? 'ok' : 'bad');
      })
      .catch(function (e) { chain.textContent = 'Chain: could not verify (' + e.message + ')'; chain.className = 'chain bad'; });
  }

  var board = document.getElementById('board');
  if (!board) { return; }
  var plan = board.dataset.plan;
  var live = document.getElementById('live');
  var message = document.getElementById('message');

  function show(update) {
    board.innerHTML = update.html;
    board.dataset.state = update.state;
  }

  function say(text, bad) {
    message.textContent = text;
    message.className = 'message' + (bad ? ' bad' : '');
    message.hidden = false;
  }

  var events = new EventSource(board.dataset.events);
  events.addEventListener('board', function (e) {
    show(JSON.parse(e.data));
    live.textContent = 'live · ' + new Date().toLocaleTimeString();
    live.className = 'live ok';
  });
  events.addEventListener('ping', function () { live.className = 'live ok'; });
  events.onerror = function () {
    if (events.readyState === EventSource.CLOSED) {
      live.innerHTML = '';
      var a = document.createElement('a');
      a.href = '/ui/login?next=' + encodeURIComponent(location.pathname);
      a.textContent = 'updates stopped: sign in again';
      live.appendChild(a);
    } else {
      live.textContent = 'reconnecting…';
    }
    live.className = 'live bad';
  };

  var dialog = document.getElementById('reason-dialog');
  var reason = document.getElementById('reason-text');
  var pending = null;

  board.addEventListener('click', function (e) {
    var button = e.target.closest('button.act');
    if (!button) { return; }
    pending = { action: button.dataset.action, cluster: button.dataset.cluster || null };
    document.getElementById('reason-title').textContent = button.textContent.trim()
      + (pending.cluster ? ' ' + pending.cluster : '') + '?';
    reason.value = '';
    dialog.showModal();
  });

  dialog.addEventListener('close', function () {
    if (dialog.returnValue !== 'ok' || !pending) { pending = null; return; }
    var act = pending;
    pending = null;
    var url = act.cluster
      ? '/ui/plans/' + encodeURIComponent(plan) + '/clusters/' + encodeURIComponent(act.cluster) + '/retry'
      : '/ui/plans/' + encodeURIComponent(plan) + '/' + act.action;
    fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf() },
      body: JSON.stringify({ reason: reason.value })
    }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (body) {
        if (r.ok) {
          if (body.html) { show(body); }
          say(act.action + ' done', false);
        } else {
          say(act.action + ' refused (' + r.status + '): ' + (body.error || r.statusText), true);
        }
      });
    }).catch(function (e) { say(act.action + ' failed: ' + e.message, true); });
  });
})();
