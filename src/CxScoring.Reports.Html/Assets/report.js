// Draws every chart of the report from its Vega-Lite specification and the scorecard's numbers, both embedded in
// the page as JSON. A chart that cannot be drawn says so in place; the data table under it holds the same numbers.
(function () {
  'use strict';
  var root = document.documentElement;
  function read(id) { return JSON.parse(document.getElementById(id).textContent); }
  var data = read('cx-data');
  var specs = read('cx-specs');
  var config = read('cx-config');
  var targets = Array.prototype.slice.call(document.querySelectorAll('[data-chart]'));
  if (typeof vegaEmbed !== 'function') {
    root.setAttribute('data-charts', 'failed');
    targets.forEach(function (el) { el.textContent = 'The charts could not be drawn: the chart library did not load. The tables below hold the numbers.'; });
    return;
  }
  var drawn = targets.map(function (el) {
    var name = el.getAttribute('data-chart');
    var spec = specs[name];
    spec.data = { values: data[name] };
    spec.config = config;
    return vegaEmbed(el, spec, { renderer: 'svg', actions: false, tooltip: true, logLevel: vega.Error })
      .then(function () { el.setAttribute('data-rendered', 'true'); return true; })
      .catch(function (error) {
        el.setAttribute('data-rendered', 'false');
        el.textContent = 'This chart could not be drawn (' + error.message + '). The table below holds its numbers.';
        console.error('chart ' + name + ': ' + error.message);
        return false;
      });
  });
  Promise.all(drawn).then(function (results) {
    root.setAttribute('data-charts', results.every(Boolean) ? 'drawn' : 'failed');
  });
})();
