{{%AUTOESCAPE context="HTML"}}
<form method="get" action="/indicatore" class="valore-filters d-print-none">
  <input type="hidden" name="codice" value="{{CODE}}">
  {{>PERIOD_SELECT}}
  {{>ENTITY_SELECT}}
  <button type="submit" class="btn btn-primary">Mostra</button>
</form>
<p class="lead">{{TITLE}}</p>
<dl class="valore-facts">
  <dt>Linea di programmazione</dt><dd>{{LINE}}</dd>
  <dt>Dirigente</dt><dd>{{MANAGER}}</dd>
  <dt>Dimensione del benessere</dt><dd>{{DIMENSION}}</dd>
  {{#RESULT}}
  <dt>Obiettivo (come scritto)</dt><dd>{{TARGET}}</dd>
  <dt>Obiettivo (come letto dalle regole) e valutazione</dt><dd>{{EXPLANATION}}</dd>
  <dt>Valore nel periodo {{PERIOD}}</dt><dd>{{VALUE}}</dd>
  <dt>Esito calcolato</dt><dd>{{COMPUTED}}</dd>
  <dt>Esito validato</dt><dd>{{VALIDATED}} {{JUSTIFICATION}}</dd>
  {{/RESULT}}
  {{#FORECAST}}
  <dt>Previsione a fine anno ({{METHOD}})</dt>
  <dd>{{#PROJECTED}}{{VALUE}}: {{OUTCOME}}{{#EXPLAINED}} ({{EXPLANATION}}){{/EXPLAINED}}{{/PROJECTED}}{{#NOT_PROJECTED}}{{REASON}}{{/NOT_PROJECTED}}</dd>
  {{/FORECAST}}
</dl>

<h2>Valori per ente e semestre</h2>
{{>VALUES}}

<h2>Andamento: {{TREND_ENTITY}}</h2>
{{#NO_TREND}}<p>Nessun valore numerico da mostrare nel grafico.</p>{{/NO_TREND}}
<div class="row valore-chart">
  <div class="col-xl-6">
  {{#TREND}}
  <svg role="img" aria-labelledby="andamento-titolo" aria-describedby="andamento-descrizione" viewBox="0 0 {{WIDTH}} {{HEIGHT}}" class="valore-trend">
    <title id="andamento-titolo">Andamento per semestre: {{TREND_ENTITY}}</title>
    <desc id="andamento-descrizione">Un valore per semestre, come nella tabella accanto.</desc>
    <line x1="0" y1="{{BASE}}" x2="{{WIDTH}}" y2="{{BASE}}" stroke="#1a1a1a" stroke-width="1"></line>
    {{#BAR}}<rect x="{{X}}" y="{{Y}}" width="{{W}}" height="{{H}}" fill="#0066cc"></rect>
    <text x="{{LABEL_X}}" y="{{LABEL_Y}}" text-anchor="middle" font-size="12" fill="#1a1a1a">{{VALUE}}</text>
    <text x="{{LABEL_X}}" y="220" text-anchor="middle" font-size="12" fill="#1a1a1a">{{PERIOD}}</text>{{/BAR}}
  </svg>
  {{/TREND}}
  </div>
  <div class="col-xl-6">{{>TREND_TABLE}}</div>
</div>

<h2>Revisioni</h2>
{{>REVISIONS}}
<h2>Eventi di audit</h2>
{{#TOO_MANY_EVENTS}}<p>Troppi eventi per mostrarli qui: vedere il <a href="/registro?voce={{CODE:u}}">Registro modifiche</a> con un intervallo di date.</p>{{/TOO_MANY_EVENTS}}
{{>EVENTS}}
