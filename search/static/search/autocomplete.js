/* Suggestions while typing: fills the search box's native <datalist> from the autocomplete API, so the
   list is announced and keyboard-operable by the browser itself. Without script the form still works. */
(function () {
    "use strict";
    var input = document.querySelector("input[data-autocomplete]");
    if (!input || !window.fetch) {
        return;
    }
    var list = document.getElementById(input.getAttribute("list"));
    var timer = null;
    var latest = 0;
    input.addEventListener("input", function () {
        window.clearTimeout(timer);
        var text = input.value.trim();
        if (text.length < 2) {
            list.replaceChildren();
            return;
        }
        timer = window.setTimeout(function () {
            var asked = ++latest;
            fetch(input.getAttribute("data-autocomplete") + "?q=" + encodeURIComponent(text), {
                headers: {"Accept": "application/json"}, credentials: "same-origin"
            }).then(function (response) {
                return response.ok ? response.json() : {suggestions: []};
            }).then(function (data) {
                if (asked !== latest) {
                    return;  // a later keystroke's answer wins
                }
                list.replaceChildren.apply(list, data.suggestions.map(function (suggestion) {
                    var option = document.createElement("option");
                    option.value = suggestion.title;
                    return option;
                }));
            }).catch(function () { /* suggestions are a convenience; typing and searching still work */ });
        }, 150);
    });
}());
