// The briefing's print button: a script file, since the CSP allows no inline handler.
// Without JavaScript the button stays hidden and the browser's own Print still works.
"use strict";
const printButton = document.getElementById("print-briefing");
printButton.hidden = false;
printButton.addEventListener("click", () => window.print());
