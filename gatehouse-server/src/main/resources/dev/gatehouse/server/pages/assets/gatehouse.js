// Gatehouse pages: optional enhancements only. Every form works without this file.
"use strict";
document.addEventListener("submit", function (event) {
  // <form data-confirm="..."> asks before an action that cannot be undone.
  var form = event.target;
  var question = form.getAttribute && form.getAttribute("data-confirm");
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});
document.addEventListener("click", function (event) {
  // <button data-copy="element-id"> copies that element's text (a client secret shown once).
  var button = event.target.closest && event.target.closest("button[data-copy]");
  if (!button || !navigator.clipboard) {
    return;
  }
  var source = document.getElementById(button.getAttribute("data-copy"));
  if (source) {
    navigator.clipboard.writeText(source.textContent.trim()).then(function () {
      button.textContent = "Copied";
    });
  }
});
document.querySelectorAll("button[data-copy]").forEach(function (button) {
  // Shown only where the script runs, since only the script can copy.
  button.hidden = false;
});
window.addEventListener("pagehide", function () {
  // A client secret is shown once: leaving the page blanks it, so Back cannot bring it up again from
  // the browser's back-forward cache (the page is never stored otherwise: Cache-Control: no-store).
  document.querySelectorAll("[data-secret]").forEach(function (secret) {
    secret.textContent = "(shown once; no longer available)";
  });
});

// Passkeys (W3C WebAuthn): <form data-passkey="register|sign-in|second-factor|step-up" data-options="URL">.
// On submit the script posts the form (with its CSRF token) to data-options, which answers the ceremony's
// options as JSON and sets the challenge's __Host- cookie; it calls navigator.credentials.create() or get(),
// puts the answer in hidden fields as unpadded base64url, and posts the form to its action as any form.
// The forms start hidden and "needs WebAuthn" notes start shown: without this script, or without WebAuthn,
// a person sees why and keeps the other ways to sign in.
(function () {
  var forms = document.querySelectorAll("form[data-passkey]");
  var supported = !!(window.PublicKeyCredential && navigator.credentials && window.fetch);
  if (!supported) {
    return;
  }
  forms.forEach(function (form) {
    form.hidden = false;
  });
  document.querySelectorAll("[data-passkey-unavailable]").forEach(function (note) {
    note.hidden = true;
  });

  function toBytes(text) {
    var base64 = text.replace(/-/g, "+").replace(/_/g, "/");
    var binary = atob(base64 + "===".slice((base64.length + 3) % 4));
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) {
      bytes[i] = binary.charCodeAt(i);
    }
    return bytes;
  }

  function toText(buffer) {
    var bytes = new Uint8Array(buffer);
    var binary = "";
    for (var i = 0; i < bytes.length; i++) {
      binary += String.fromCharCode(bytes[i]);
    }
    return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function credentials(ids) {
    return ids.map(function (id) {
      return { type: "public-key", id: toBytes(id) };
    });
  }

  function put(form, name, value) {
    var field = form.querySelector("input[type=hidden][name='" + name + "']");
    if (!field) {
      field = document.createElement("input");
      field.type = "hidden";
      field.name = name;
      form.appendChild(field);
    }
    field.value = value;
  }

  function create(form, options) {
    return navigator.credentials
      .create({
        publicKey: {
          challenge: toBytes(options.challenge),
          rp: { id: options.rp_id, name: options.rp_name },
          user: { id: toBytes(options.user_id), name: options.user_name, displayName: options.user_name },
          pubKeyCredParams: options.algorithms.map(function (alg) {
            return { type: "public-key", alg: alg };
          }),
          timeout: options.timeout_ms,
          excludeCredentials: credentials(options.credentials),
          authenticatorSelection: {
            residentKey: "required",
            requireResidentKey: true,
            userVerification: options.user_verification
          },
          attestation: "none"
        }
      })
      .then(function (credential) {
        var response = credential.response;
        put(form, "client_data_json", toText(response.clientDataJSON));
        put(form, "attestation_object", toText(response.attestationObject));
        put(form, "transports", response.getTransports ? response.getTransports().join(",") : "");
      });
  }

  function get(form, options) {
    return navigator.credentials
      .get({
        publicKey: {
          challenge: toBytes(options.challenge),
          rpId: options.rp_id,
          timeout: options.timeout_ms,
          allowCredentials: credentials(options.credentials),
          userVerification: options.user_verification
        }
      })
      .then(function (credential) {
        var response = credential.response;
        put(form, "passkey_id", toText(credential.rawId));
        put(form, "client_data_json", toText(response.clientDataJSON));
        put(form, "authenticator_data", toText(response.authenticatorData));
        put(form, "signature", toText(response.signature));
        put(form, "user_handle", response.userHandle ? toText(response.userHandle) : "");
      });
  }

  function say(form, text) {
    var status = form.querySelector("[data-passkey-status]");
    if (status) {
      status.textContent = text;
    }
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("form[data-passkey]")) {
      return;
    }
    event.preventDefault();
    var button = form.querySelector("button[type=submit]");
    button.disabled = true;
    say(form, "Follow your browser's prompt to use your passkey.");
    fetch(form.getAttribute("data-options"), {
      method: "POST",
      credentials: "same-origin",
      body: new URLSearchParams(new FormData(form))
    })
      .then(function (answer) {
        if (!answer.ok) {
          throw new Error(answer.status === 403 ? "confirm" : "options");
        }
        return answer.json();
      })
      .then(function (options) {
        return form.getAttribute("data-passkey") === "register" ? create(form, options) : get(form, options);
      })
      .then(function () {
        say(form, "Checking your passkey…");
        form.submit();
      })
      .catch(function (error) {
        button.disabled = false;
        say(
          form,
          error && error.message === "confirm"
            ? "Reload the page and confirm it is you first."
            : "No passkey was used. Try again, or use another way."
        );
      });
  });
})();
