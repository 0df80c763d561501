{{%AUTOESCAPE context="HTML"}}<div class="valore-field">
    <label for="periodo">Periodo</label>
    <select id="periodo" name="periodo" class="form-select">
      {{#OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/OPTION}}
    </select>
  </div>
