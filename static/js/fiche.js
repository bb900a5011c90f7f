// Case page: a button that copies the citation (shown only where the clipboard can be written).
"use strict";
document.querySelectorAll("[data-copy]").forEach((button) => {
  const source = document.getElementById(button.dataset.copy);
  if (!source || !navigator.clipboard) return;
  button.hidden = false;
  button.addEventListener("click", () => {
    navigator.clipboard.writeText(source.textContent.trim()).then(
      () => { button.textContent = "Citation copiée"; },
      () => { button.textContent = "Copie impossible : sélectionnez le texte"; },
    );
  });
});
