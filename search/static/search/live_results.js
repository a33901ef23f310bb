/* Progressive enhancement of the search page: ticking a facet or choosing a sort order fetches the same page
   for the new address and swaps in its results and counts, so the learner keeps their place and focus. The
   result count is a status region that stays in the page, so screen readers announce the new count. Without
   script (or if the fetch fails) the form's Apply button submits as usual. */
(function () {
    "use strict";
    var form = document.querySelector("form.catalog-search");
    if (!form || !window.fetch || !window.DOMParser || !window.URLSearchParams) {
        return;
    }
    var latest = 0;

    function addressFor() {
        var params = new URLSearchParams();
        new FormData(form).forEach(function (value, name) {
            if (String(value).trim() !== "") {
                params.append(name, value);
            }
        });
        var query = params.toString();
        return form.getAttribute("action") + (query ? "?" + query : "");
    }

    function swap(fresh, id) {
        var current = document.getElementById(id);
        var replacement = fresh.getElementById(id);
        if (current && replacement) {
            current.replaceWith(replacement);
        }
    }

    function refresh(changed) {
        var address = addressFor();
        var asked = ++latest;
        form.setAttribute("aria-busy", "true");
        fetch(address, {headers: {"Accept": "text/html"}, credentials: "same-origin"}).then(function (response) {
            if (!response.ok) {
                throw new Error("search answered " + response.status);
            }
            return response.text();
        }).then(function (text) {
            if (asked !== latest) {
                return;  // a later change's answer wins
            }
            var fresh = new DOMParser().parseFromString(text, "text/html");
            var count = fresh.getElementById("result-count");
            if (!count) {
                window.location.assign(address);  // an error page: show it whole
                return;
            }
            document.getElementById("result-count").textContent = count.textContent;
            swap(fresh, "search-results");
            swap(fresh, "search-facets");
            window.history.pushState({}, "", address);
            // The facet list was rebuilt: put focus back on the control the learner just used.
            if (changed && changed.type === "checkbox") {
                var selector = 'input[type="checkbox"][name="' + CSS.escape(changed.name) + '"][value="' +
                    CSS.escape(changed.value) + '"]';
                var again = form.querySelector(selector);
                if (again) {
                    again.focus();
                }
            }
        }).catch(function () {
            form.submit();
        }).finally(function () {
            if (asked === latest) {
                form.removeAttribute("aria-busy");
            }
        });
    }

    form.addEventListener("change", function (event) {
        var target = event.target;
        if (target.matches('input[type="checkbox"], select')) {
            refresh(target);
        }
    });
    window.addEventListener("popstate", function () {
        window.location.reload();
    });
}());
