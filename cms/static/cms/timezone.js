/* Tell the server the browser's time zone (the `tz` cookie), so times show in it before someone signs in.
   Members' pages use the zone in their profile instead. A page that printed times for a visitor in another
   zone (marked `data-visitor-zone`) is reloaded once, so even the first visit reads in local time. */
(function () {
    "use strict";
    var zone;
    try {
        zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    } catch (error) {
        return;
    }
    if (!zone || !/^[A-Za-z0-9_+\-\/]{1,64}$/.test(zone)) {
        return;
    }
    var current = document.cookie.split("; ").filter(function (c) { return c.indexOf("tz=") === 0; })[0];
    if (current === "tz=" + zone) {
        return;
    }
    var secure = window.location.protocol === "https:" ? "; Secure" : "";
    document.cookie = "tz=" + zone + "; path=/; max-age=31536000; SameSite=Lax" + secure;
    var marked = document.querySelector("[data-visitor-zone]");
    var stored = document.cookie.split("; ").indexOf("tz=" + zone) !== -1;
    if (marked && stored && marked.getAttribute("data-visitor-zone") !== zone && !sessionStorage.getItem("tz-reloaded")) {
        sessionStorage.setItem("tz-reloaded", "1");  // never loop, whatever the server answers
        window.location.reload();
    }
}());
