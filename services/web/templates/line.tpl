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
<h2>Eventi di audit</h2>
{{#TOO_MANY_EVENTS}}<p>Troppi eventi per mostrarli qui: vedere il <a href="/registro?voce={{CODE:u}}">Registro modifiche</a> con un intervallo di date.</p>{{/TOO_MANY_EVENTS}}
{{>EVENTS}}
