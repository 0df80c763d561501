{{%AUTOESCAPE context="HTML"}}
<form method="get" action="/panoramica" class="valore-filters d-print-none">
  {{>PERIOD_SELECT}}
  {{>ENTITY_SELECT}}
  <button type="submit" class="btn btn-primary">Mostra</button>
</form>

<p class="lead">{{SCOPE_LABEL}} – periodo {{PERIOD}}</p>
<ul class="valore-state">
  {{#LOCKED}}<li>Periodo bloccato da {{AUTHOR}} il {{WHEN}}: {{REASON}}</li>{{/LOCKED}}
  {{#OPEN}}<li>Periodo aperto: i valori si possono inserire e correggere.</li>{{/OPEN}}
  {{#SNAPSHOT}}<li>Ultimo snapshot: versione {{VERSION}} del {{WHEN}} ({{PRINCIPAL}})</li>{{/SNAPSHOT}}
  {{#NO_SNAPSHOT}}<li>Nessuno snapshot del periodo.</li>{{/NO_SNAPSHOT}}
</ul>
{{#NO_DATA}}<p>Nessun valore inserito per il periodo {{PERIOD}}: la panoramica si riempie con i primi valori (<a href="/inserimento?periodo={{PERIOD:u}}">Inserimento valori</a>).</p>{{/NO_DATA}}
{{REPORT_HTML:none}}
