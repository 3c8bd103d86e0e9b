// Sign-up: a blank time zone select (data-browser-zone) gets the zone the browser reports. A legacy name a
// browser may report ("Asia/Calcutta") is read as its canonical zone (the map in data-zone-aliases); a zone
// the list does not have leaves the select as it was (the site's zone). Served from our origin: the CSP
// allows no inline script.
(function () {
  "use strict";
  var reported;
  try {
    reported = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (error) {
    return;
  }
  if (!reported) {
    return;
  }
  document.querySelectorAll("select[data-browser-zone]").forEach(function (select) {
    if (select.value) {
      return; // chosen already (the form came back with an error): keep the person's choice
    }
    var aliases = {};
    try {
      aliases = JSON.parse(select.getAttribute("data-zone-aliases") || "{}");
    } catch (error) {
      aliases = {};
    }
    var zone = aliases[reported] || reported;
    for (var i = 0; i < select.options.length; i += 1) {
      if (select.options[i].value === zone) {
        select.value = zone;
        select.setAttribute("data-browser-zone", zone);
        return;
      }
    }
  });
})();
