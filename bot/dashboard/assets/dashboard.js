// Draws the overview's charts with Chart.js (served from the project's own dependencies) from
// the JSON block the server put in the page. window.dashboardCharts exposes them to tests.
(function () {
  var block = document.getElementById('dashboard-data');
  if (!block || typeof Chart === 'undefined') return;
  var data = JSON.parse(block.textContent);
  var colours = { timing: '#2a9d8f', deal_size: '#e9c46a', trust: '#e76f51', none: '#a8b5b5' };
  var charts = {};
  function make(id, config) {
    var canvas = document.getElementById(id);
    if (canvas) charts[id] = new Chart(canvas, config);
  }
  var options = { responsive: true, maintainAspectRatio: false, animation: false, plugins: { legend: { position: 'bottom' } } };
  make('chart-per-day', {
    type: 'bar',
    data: {
      labels: data.days,
      datasets: data.labels.map(function (label) {
        return { label: data.labelNames[label], data: data.perDay[label], backgroundColor: colours[label] };
      }),
    },
    options: Object.assign({}, options, { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } }),
  });
  make('chart-funnel', {
    type: 'bar',
    data: { labels: data.funnelLabels, datasets: [{ label: data.funnelTitle, data: data.funnel, backgroundColor: '#007878' }] },
    options: Object.assign({}, options, { indexAxis: 'y', plugins: { legend: { display: false } }, scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } }),
  });
  make('chart-per-hour', {
    type: 'bar',
    data: { labels: data.hours, datasets: [{ label: data.perHourTitle, data: data.perHour, backgroundColor: '#5fa8a8' }] },
    options: Object.assign({}, options, { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }),
  });
  window.dashboardCharts = charts;
})();
