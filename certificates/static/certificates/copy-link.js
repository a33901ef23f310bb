// "Copy link" buttons on the certificates panel. Without script the share link is a plain link to open or copy;
// with it, each button (hidden until now) copies its link and says so in a polite live region.
(function () {
    "use strict";
    document.querySelectorAll("[data-copy-link]").forEach(function (button) {
        if (!navigator.clipboard) {
            return;
        }
        var status = document.getElementById(button.getAttribute("data-status"));
        button.hidden = false;
        button.addEventListener("click", function () {
            navigator.clipboard.writeText(button.getAttribute("data-copy-link")).then(function () {
                if (status) {
                    status.textContent = button.getAttribute("data-copied-text");
                }
            }, function () {
                if (status) {
                    status.textContent = button.getAttribute("data-failed-text");
                }
            });
        });
    });
}());
