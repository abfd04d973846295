/* The people picker (networks/widgets.py), progressively enhanced.
 *
 * The page holds the ordinary control (a select, or check boxes for several people),
 * which works without this script and is what the form sends. This script hides it
 * and shows the search box beside it: htmx asks the network for the people matching
 * what is typed (networks:people) and puts the options in; picking one sets the
 * control's choice and shows it as a chip with a button to remove it. Keyboard: the
 * arrow keys move through the options, Enter picks, Escape closes the list; the
 * count found and each pick are said in a status region for screen readers.
 * Without htmx the control stays as it is: a search box could find nothing.
 */
(function () {
  "use strict";

  function say(template, name) {
    return (template || "{name}").replace("{name}", name);
  }

  function enhance(root) {
    if (root.dataset.ready || !window.htmx) return;
    root.dataset.ready = "1";
    var search = root.querySelector(".people-picker__search");
    var nativeBox = root.querySelector(".people-picker__native");
    var input = search.querySelector(".people-picker__input");
    var found = search.querySelector(".people-picker__found");
    var chips = search.querySelector(".people-picker__chips");
    var status = search.querySelector("[role=status]");
    var multiple = root.hasAttribute("data-multiple");
    var select = nativeBox.querySelector("select");
    var active = -1;

    // The control's choices: {value, label, chosen, element}.
    function choices() {
      if (select) {
        return Array.prototype.filter.call(select.options, function (option) { return option.value; })
          .map(function (option) {
            return { value: option.value, label: option.text.trim(), chosen: option.selected, element: option };
          });
      }
      return Array.prototype.map.call(nativeBox.querySelectorAll("input[type=checkbox]"), function (box) {
        var label = box.closest("label");
        return { value: box.value, label: label ? label.textContent.trim() : box.value, chosen: box.checked, element: box };
      });
    }

    function setChosen(value, label, on) {
      var choice = choices().filter(function (c) { return c.value === value; })[0];
      var element = choice && choice.element;
      if (!element && on) {
        // Found but not among the page's choices (it changed meanwhile): the form's
        // validation decides, as it would for any choice sent.
        if (select) {
          element = new Option(label, value);
          select.add(element);
        } else {
          element = document.createElement("input");
          element.type = "checkbox";
          element.name = root.dataset.name;
          element.value = value;
          element.hidden = true;
          nativeBox.appendChild(element);
        }
      }
      if (!element) return;
      if (select) {
        if (on) element.selected = true;
        else if (multiple) element.selected = false;
        else select.value = "";
        select.dispatchEvent(new Event("change", { bubbles: true }));
      } else {
        element.checked = on;
        element.dispatchEvent(new Event("change", { bubbles: true }));
      }
    }

    function showChips() {
      chips.replaceChildren();
      choices().filter(function (c) { return c.chosen; }).forEach(function (choice) {
        var chip = document.createElement("li");
        chip.className = "chip";
        var name = document.createElement("span");
        name.textContent = choice.label;
        var remove = document.createElement("button");
        remove.type = "button";
        remove.className = "chip__remove";
        remove.dataset.value = choice.value;
        remove.dataset.label = choice.label;
        remove.setAttribute("aria-label", say(root.dataset.remove, choice.label));
        remove.textContent = "×";
        chip.append(name, remove);
        chips.appendChild(chip);
      });
      chips.hidden = !chips.children.length;
    }

    function options() {
      return Array.prototype.slice.call(found.querySelectorAll("[role=option]"));
    }

    function open(isOpen) {
      var shown = isOpen && found.children.length > 0;
      found.hidden = !shown;
      input.setAttribute("aria-expanded", shown && options().length ? "true" : "false");
      if (!shown) activate(-1);
    }

    function activate(index) {
      var list = options();
      active = index;
      list.forEach(function (option, i) {
        option.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      if (index >= 0 && list[index]) {
        input.setAttribute("aria-activedescendant", list[index].id);
        list[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function pick(option) {
      var value = option.dataset.value;
      var label = option.dataset.label;
      if (!multiple) {
        choices().forEach(function (c) { if (c.chosen && c.value !== value) setChosen(c.value, c.label, false); });
      }
      setChosen(value, label, true);
      htmx.trigger(input, "htmx:abort");
      input.value = "";
      found.replaceChildren();
      open(false);
      showChips();
      status.textContent = say(multiple ? root.dataset.added : root.dataset.chosen, label);
      input.focus();
    }

    // The search box takes the control's place, its label and its description.
    nativeBox.hidden = true;
    search.hidden = false;
    var control = select || nativeBox.querySelector("input[type=checkbox]");
    if (select) {
      select.required = false;  // hidden, it cannot be pointed at; the server says what is missing
      var label = document.querySelector('label[for="' + select.id + '"]');
      if (label) label.htmlFor = input.id;
    } else {
      nativeBox.querySelectorAll("input[type=checkbox]").forEach(function (box) { box.required = false; });
      var legend = root.closest("fieldset") && root.closest("fieldset").querySelector("legend");
      if (legend) {
        legend.id = legend.id || input.id + "_legend";
        input.setAttribute("aria-labelledby", legend.id);
      }
    }
    var described = control && (control.getAttribute("aria-describedby") ||
      (root.closest("fieldset") && root.closest("fieldset").getAttribute("aria-describedby")));
    if (described) input.setAttribute("aria-describedby", described + " " + input.getAttribute("aria-describedby"));
    if (control && control.getAttribute("aria-invalid") === "true") input.setAttribute("aria-invalid", "true");
    showChips();

    input.addEventListener("htmx:configRequest", function (event) {
      var chosen = choices().filter(function (c) { return c.chosen; }).map(function (c) { return c.value; });
      var fixed = root.dataset.exclude ? root.dataset.exclude.split(",") : [];
      event.detail.parameters.q = input.value;
      event.detail.parameters.exclude = fixed.concat(chosen).join(",");
    });

    found.addEventListener("htmx:afterSwap", function () {
      var list = found.querySelector("[role=listbox]");
      if (list) list.id = input.id.replace(/_search$/, "") + "_listbox";
      options().forEach(function (option, i) { option.id = input.id + "_option" + i; });
      var note = found.querySelector("[data-status]");
      status.textContent = note ? note.textContent : "";
      open(document.activeElement === input && input.value.trim() !== "");
    });

    input.addEventListener("keydown", function (event) {
      var list = options();
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (!list.length) return;
        event.preventDefault();
        if (found.hidden) open(true);
        var step = event.key === "ArrowDown" ? 1 : -1;
        activate((active + step + list.length) % list.length);
      } else if (event.key === "Enter") {
        // Enter in the search box picks; it never sends the half-filled form.
        if (input.value.trim() === "") return;
        event.preventDefault();
        if (!found.hidden && list[active]) pick(list[active]);
        else if (!found.hidden && list.length === 1) pick(list[0]);
      } else if (event.key === "Escape") {
        if (!found.hidden) {
          event.preventDefault();
          open(false);
        } else if (input.value) {
          event.preventDefault();
          input.value = "";
        }
      }
    });

    input.addEventListener("focus", function () {
      if (input.value.trim()) open(true);
    });

    // Pressed, not clicked: the search box keeps the focus while the option is picked.
    found.addEventListener("mousedown", function (event) {
      if (event.target.closest("[role=option]")) event.preventDefault();
    });
    found.addEventListener("click", function (event) {
      var option = event.target.closest("[role=option]");
      if (option) pick(option);
    });

    chips.addEventListener("click", function (event) {
      var button = event.target.closest(".chip__remove");
      if (!button) return;
      setChosen(button.dataset.value, button.dataset.label, false);
      showChips();
      status.textContent = say(root.dataset.removed, button.dataset.label);
      input.focus();
    });

    root.addEventListener("focusout", function (event) {
      if (!root.contains(event.relatedTarget)) open(false);
    });
  }

  function enhanceAll(within) {
    (within || document).querySelectorAll("[data-people-picker]").forEach(enhance);
    if (within && within.matches && within.matches("[data-people-picker]")) enhance(within);
  }

  document.addEventListener("htmx:load", function (event) { enhanceAll(event.detail.elt); });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { enhanceAll(document); });
  } else {
    enhanceAll(document);
  }
})();
