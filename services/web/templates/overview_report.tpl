{{%AUTOESCAPE context="HTML"}}
<p>Valori mancanti: {{MISSING}}</p>
{{#PARTIAL}}<div class="alert alert-warning" role="status">Dati parziali: non rispondono i servizi di {{ENTITIES}}.</div>{{/PARTIAL}}

<h2>Esiti</h2>
{{>OUTCOME_TABLE}}
<h2>Dimensioni del benessere</h2>
{{>DIMENSION_TABLE}}

<h2>Azioni per dimensione del benessere ed esito</h2>
<div class="row valore-chart">
  <div class="col-xl-6">{{CHART_SVG:none}}</div>
  <div class="col-xl-6">{{>CHART_TABLE}}</div>
</div>

{{#FORECAST}}
<h2 id="previsione">Previsione a fine anno</h2>
<p>Il valore di fine anno che il primo semestre lascia prevedere per ogni indicatore e l'andamento che avrebbe rispetto al target annuale.</p>
<p>{{SUMMARY}}</p>
<h3>Linee a rischio</h3>
{{#NO_LINES_AT_RISK}}<p>Nessuna linea a rischio.</p>{{/NO_LINES_AT_RISK}}
{{>LINES_AT_RISK}}
{{#INDICATORS}}<h3>Indicatori</h3>
{{>FORECASTS}}{{/INDICATORS}}
{{/FORECAST}}

<h2>Esiti validati diversi da quelli calcolati</h2>
{{#NO_DISAGREEMENTS}}<p>Nessuna differenza: ogni esito validato coincide con quello calcolato.</p>{{/NO_DISAGREEMENTS}}
{{>DISAGREEMENTS}}

<h2>Completezza per dirigente</h2>
{{>COMPLETENESS}}
