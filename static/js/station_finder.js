// Progressive enhancement for the station finder: "Use my location" fills the
// hidden lat/lng fields and submits. Without JavaScript (or without a
// location) the community select does the same job.
(function () {
  "use strict";
  var form = document.getElementById("finder-form");
  if (!form || !("geolocation" in navigator)) { return; }
  var box = form.querySelector(".near-me");
  var button = form.querySelector("[data-near-me]");
  var status = form.querySelector("[data-near-me-status]");
  if (!box || !button) { return; }
  box.hidden = false;
  button.addEventListener("click", function () {
    status.textContent = "…";
    navigator.geolocation.getCurrentPosition(function (pos) {
      form.elements.lat.value = pos.coords.latitude.toFixed(6);
      form.elements.lng.value = pos.coords.longitude.toFixed(6);
      form.elements.community.value = "";
      form.submit();
    }, function () {
      status.textContent = button.getAttribute("data-failed") || "";
    }, { timeout: 10000, maximumAge: 600000 });
  });
}());
