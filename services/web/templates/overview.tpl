{{%AUTOESCAPE context="HTML"}}
<form method="get" action="/panoramica" class="valore-filters d-print-none">
  <div class="valore-field">
    <label for="periodo">Periodo</label>
    <select id="periodo" name="periodo" class="form-select">
      {{#PERIOD_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/PERIOD_OPTION}}
    </select>
  </div>
  <div class="valore-field">
    <label for="ente">Ambito</label>
    <select id="ente" name="ente" class="form-select">
      {{#ENTITY_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/ENTITY_OPTION}}
    </select>
  </div>
  <button type="submit" class="btn btn-primary">Mostra</button>
</form>

<p class="lead">{{SCOPE_LABEL}} – periodo {{PERIOD}}</p>
<ul class="valore-state">
  {{#LOCKED}}<li>Periodo bloccato da {{AUTHOR}} il {{WHEN}}: {{REASON}}</li>{{/LOCKED}}
  {{#OPEN}}<li>Periodo aperto: i valori si possono inserire e correggere.</li>{{/OPEN}}
  {{#SNAPSHOT}}<li>Ultimo snapshot: versione {{VERSION}} del {{WHEN}} ({{PRINCIPAL}})</li>{{/SNAPSHOT}}
  {{#NO_SNAPSHOT}}<li>Nessuno snapshot del periodo.</li>{{/NO_SNAPSHOT}}
  {{#HAS_DATA}}<li>Valori mancanti: {{MISSING}}</li>{{/HAS_DATA}}
</ul>
{{#NO_DATA}}<p>Nessun valore inserito per il periodo {{PERIOD}}: la panoramica si riempie con i primi valori (<a href="/inserimento?periodo={{PERIOD:u}}">Inserimento valori</a>).</p>{{/NO_DATA}}
{{#HAS_DATA}}
{{#PARTIAL}}<div class="alert alert-warning" role="status">Dati parziali: non rispondono i servizi di {{ENTITIES}}.</div>{{/PARTIAL}}

<h2>Esiti</h2>
{{>OUTCOME_TABLE}}
<h2>Dimensioni del benessere</h2>
{{>DIMENSION_TABLE}}

<h2>Azioni per dimensione del benessere ed esito</h2>
<div class="row valore-chart">
  <div class="col-lg-7">{{CHART_SVG:none}}</div>
  <div class="col-lg-5">{{>CHART_TABLE}}</div>
</div>

<h2>Esiti validati diversi da quelli calcolati</h2>
{{#NO_DISAGREEMENTS}}<p>Nessuna differenza: ogni esito validato coincide con quello calcolato.</p>{{/NO_DISAGREEMENTS}}
{{>DISAGREEMENTS}}

<h2>Completezza per dirigente</h2>
{{>COMPLETENESS}}
{{/HAS_DATA}}
