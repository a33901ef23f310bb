/* Tell the server the browser's time zone (the `tz` cookie), so times show in it before someone signs in.
   Members' pages use the zone in their profile instead. */
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
}());
