{{%AUTOESCAPE context="HTML"}}
<form method="get" action="/registro" class="valore-filters d-print-none">
  {{>ENTITY_SELECT}}
  <div class="valore-field">
    <label for="voce">Voce (codice)</label>
    <input type="text" id="voce" name="voce" class="form-control" value="{{ITEM}}">
  </div>
  <div class="valore-field">
    <label for="persona">Persona</label>
    <input type="text" id="persona" name="persona" class="form-control" value="{{PRINCIPAL}}">
  </div>
  <div class="valore-field">
    <label for="dal">Dal</label>
    <input type="date" id="dal" name="dal" class="form-control" value="{{FROM}}">
  </div>
  <div class="valore-field">
    <label for="al">Al</label>
    <input type="date" id="al" name="al" class="form-control" value="{{TO}}">
  </div>
  <button type="submit" class="btn btn-primary">Filtra</button>
</form>
{{#TOO_MANY}}<p>Troppe modifiche per i filtri scelti: restringere le date con «Dal» e «Al», o filtrare per ente, voce o persona.</p>{{/TOO_MANY}}
{{#COUNTED}}<p>{{COUNT}} modifiche trovate.{{#TRUNCATED}} Sono mostrate le {{SHOWN}} più recenti: restringere i filtri per vedere le altre.{{/TRUNCATED}}</p>{{/COUNTED}}
{{>EVENTS}}
