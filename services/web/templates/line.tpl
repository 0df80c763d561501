{{%AUTOESCAPE context="HTML"}}
<form method="get" action="/linea" class="valore-filters d-print-none">
  <input type="hidden" name="codice" value="{{CODE}}">
  {{>PERIOD_SELECT}}
  {{>ENTITY_SELECT}}
  <button type="submit" class="btn btn-primary">Mostra</button>
</form>
<p class="lead">{{TITLE}}</p>
<dl class="valore-facts">
  <dt>Dimensione del benessere</dt><dd>{{DIMENSION}}</dd>
  <dt>Dirigenti</dt><dd>{{MANAGERS}}</dd>
  {{#RESULT}}
  <dt>Esito calcolato nel periodo {{PERIOD}}</dt><dd>{{COMPUTED}}</dd>
  <dt>Esito validato</dt><dd>{{VALIDATED}} {{JUSTIFICATION}}</dd>
  {{/RESULT}}
</dl>
{{#NO_DATA}}<p>Nessun valore inserito per il periodo {{PERIOD}}.</p>{{/NO_DATA}}
<h2>Indicatori</h2>
{{>INDICATORS}}
<h2>Valori per ente e semestre</h2>
{{>HISTORY}}

<h2>Andamento dell'esito della linea</h2>
{{#NO_LINE_TREND}}<p>Nessun semestre con valori.</p>{{/NO_LINE_TREND}}
<div class="row valore-chart">
  <div class="col-xl-6">
  {{#LINE_TREND}}
  <svg role="img" aria-labelledby="esiti-titolo" aria-describedby="esiti-descrizione" viewBox="0 0 {{WIDTH}} {{HEIGHT}}" class="valore-trend">
    <title id="esiti-titolo">Esito della linea {{CODE}} per semestre</title>
    <desc id="esiti-descrizione">Una barra per semestre, più alta per un esito migliore (da non valutabile a raggiunto), come nella tabella accanto.</desc>
    <line x1="0" y1="{{BASE}}" x2="{{WIDTH}}" y2="{{BASE}}" stroke="#1a1a1a" stroke-width="1"></line>
    {{#BAR}}<rect x="{{X}}" y="{{Y}}" width="{{W}}" height="{{H}}" fill="{{FILL}}"><title>{{PERIOD}}: {{OUTCOME}}</title></rect>
    <text x="{{LABEL_X}}" y="220" text-anchor="middle" font-size="12" fill="#1a1a1a">{{PERIOD}}</text>{{/BAR}}
  </svg>
  {{/LINE_TREND}}
  </div>
  <div class="col-xl-6">{{>LINE_TREND_TABLE}}</div>
</div>

<h2>Eventi di audit</h2>
{{#TOO_MANY_EVENTS}}<p>Troppi eventi per mostrarli qui: vedere il <a href="/registro?voce={{CODE:u}}">Registro modifiche</a> con un intervallo di date.</p>{{/TOO_MANY_EVENTS}}
{{>EVENTS}}
