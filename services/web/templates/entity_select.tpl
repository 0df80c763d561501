{{%AUTOESCAPE context="HTML"}}<div class="valore-field">
    <label for="ente">{{LABEL}}</label>
    <select id="ente" name="ente" class="form-select">
      {{#OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/OPTION}}
    </select>
  </div>
