// Tells the server the browser's time zone: on the first visit (no coach_tz cookie yet) it keeps
// Intl's zone in a cookie and, if the page was drawn in another zone, reloads once to redraw it.
// A zone chosen on the page (?tz=) sets the cookie on the server and is left alone here.
(function () {
  var zone;
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (e) {
    return;
  }
  var has = function () { return /(?:^|;\s*)coach_tz=/.test(document.cookie); };
  if (!zone || has()) return;
  document.cookie = 'coach_tz=' + encodeURIComponent(zone) + '; path=/dashboard; max-age=31536000; samesite=lax';
  if (has() && document.documentElement.getAttribute('data-tz') !== zone) location.reload();
})();
