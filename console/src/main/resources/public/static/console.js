// The console's only script: draws the rate chart (uPlot) from the data-samples attribute the server rendered,
// and handles "select all" checkboxes. Everything else is plain forms and htmx attributes.
document.addEventListener("DOMContentLoaded", function () {
  var chart = document.getElementById("rate-chart");
  if (chart && window.uPlot) {
    var data = JSON.parse(chart.getAttribute("data-samples"));
    var times = data[0];
    var last = times.length ? times[times.length - 1] : Math.floor(Date.now() / 1000);
    new uPlot({
      width: chart.clientWidth || 900, height: 220,
      scales: {x: {time: true, range: function () { return [last - 3600, last]; }}},
      series: [{}, {label: "put/s", stroke: "#2557d6", width: 2, points: {show: times.length < 60}},
        {label: "got/s", stroke: "#fca311", dash: [6, 4], points: {show: times.length < 60}}],
      axes: [{}, {label: "messages/s"}]
    }, data, chart);
  }
  document.querySelectorAll("input[data-select-all]").forEach(function (box) {
    box.addEventListener("change", function () {
      document.querySelectorAll("input[name='" + box.getAttribute("data-select-all") + "']").forEach(function (b) {
        b.checked = box.checked;
      });
    });
  });
});
