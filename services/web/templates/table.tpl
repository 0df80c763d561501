{{%AUTOESCAPE context="HTML"}}<div class="table-responsive" tabindex="0" role="region" aria-label="{{CAPTION}}">
<table class="table table-sm valore-table">
  <caption>{{CAPTION}}</caption>
  <thead><tr>{{#HEAD}}<th scope="col"{{#SPAN}} colspan="{{COLSPAN}}"{{/SPAN}}{{#ROWSPAN}} rowspan="{{ROWS}}"{{/ROWSPAN}}>{{TEXT}}</th>{{/HEAD}}</tr></thead>
  <tbody>
  {{#ROW}}<tr>{{#CELL}}{{#TH}}<th scope="row"{{#SPAN}} colspan="{{COLSPAN}}"{{/SPAN}}{{#ROWSPAN}} rowspan="{{ROWS}}"{{/ROWSPAN}}>{{#LINK}}<a href="{{HREF}}">{{TEXT}}</a>{{/LINK}}{{#PLAIN}}{{TEXT}}{{/PLAIN}}</th>{{/TH}}{{#TD}}<td class="{{#NUMERIC}}text-end{{/NUMERIC}}{{#EMPHASIS}} fst-italic{{/EMPHASIS}}{{#HIGHLIGHT}} valore-highlight{{/HIGHLIGHT}}"{{#SPAN}} colspan="{{COLSPAN}}"{{/SPAN}}{{#ROWSPAN}} rowspan="{{ROWS}}"{{/ROWSPAN}}>{{#LINK}}<a href="{{HREF}}">{{TEXT}}</a>{{/LINK}}{{#PLAIN}}{{TEXT}}{{/PLAIN}}{{#DETAIL}}<br><small>{{DETAIL_TEXT}}</small>{{/DETAIL}}</td>{{/TD}}{{/CELL}}</tr>
  {{/ROW}}
  </tbody>
</table>
</div>
