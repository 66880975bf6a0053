<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name>About</name>
    <message>
        <source>Used for: {use}</source>
        <translation>用途: {use}</translation>
    </message>
    <message>
        <source>(licence text missing: {error})</source>
        <translation>(ライセンス文書が見つかりません: {error})</translation>
    </message>
    <message>
        <source>An offline map explorer of Japan&apos;s regional industrial-cluster policy: the METI Industrial Cluster Program, the FY2010 scheme, MEXT&apos;s cluster programs, their participants, tie-ups abroad and achievements.</source>
        <translation>我が国の地域産業クラスター政策(経済産業省の産業クラスター計画、2010年度の施策、文部科学省のクラスター関連事業)と、その参加機関、海外連携及び成果を地図上で確認するためのオフライン閲覧ツールです。</translation>
    </message>
    <message>
        <source>Dataset:</source>
        <translation>データセット:</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>出典</translation>
    </message>
    <message>
        <source>Software, font and data licences</source>
        <translation>ソフトウェア、フォント及びデータのライセンス</translation>
    </message>
    <message>
        <source>(full texts under “Show Details…”)</source>
        <translation>(全文は「詳細を表示…」に記載)</translation>
    </message>
</context>
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Cluster Explorer</source>
        <translation>Cluster Explorer について</translation>
    </message>
    <message>
        <source>Licences</source>
        <translation>ライセンス</translation>
    </message>
    <message>
        <source>About</source>
        <translation>概要</translation>
    </message>
</context>
<context>
    <name>AchievementsPanel</name>
    <message>
        <source>What</source>
        <translation>成果の内容</translation>
    </message>
    <message>
        <source>How many</source>
        <translation>件数・数量</translation>
    </message>
    <message>
        <source>When</source>
        <translation>時期</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>プロジェクト</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>数値</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種別</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>備考</translation>
    </message>
    <message>
        <source>Kind: {kind}</source>
        <translation>種別: {kind}</translation>
    </message>
    <message numerus="yes">
        <source>%n achievement(s) — {scope}</source>
        <translation>
            <numerusform>成果 %n件 — {scope}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CLI</name>
    <message>
        <source>Explore Japan&apos;s regional industrial clusters on a map, offline. With a PATH (or --data PATH), the window opens that dataset.</source>
        <translation>我が国の地域産業クラスターを地図上でオフラインで閲覧します。PATH(又は --data PATH)を指定すると、そのデータセットを開いてウィンドウを表示します。</translation>
    </message>
    <message>
        <source>the dataset: {kinds}</source>
        <translation>データセット: {kinds}</translation>
    </message>
    <message>
        <source>the language of messages and of the window (default: from LC_ALL, LC_MESSAGES or LANG, else the system&apos;s; the window: View ▸ Language)</source>
        <translation>メッセージ及びウィンドウの表示言語(既定: LC_ALL、LC_MESSAGES 又は LANG の設定、なければシステムの設定。ウィンドウでは 表示 ▸ 言語 で変更)</translation>
    </message>
    <message>
        <source>the dataset: {kinds} (default: the bundled dataset)</source>
        <translation>データセット: {kinds}(既定: 同梱のデータセット)</translation>
    </message>
    <message>
        <source>draw without the graphics card (remote desktops and VDI sessions whose OpenGL is missing or broken: a blank or black map); the environment variable {variable}=1 does the same</source>
        <translation>グラフィックカードを使わずに描画します(OpenGL が使えないリモートデスクトップや VDI 環境で地図が白又は黒になる場合)。環境変数 {variable}=1 でも同じ動作になります</translation>
    </message>
    <message>
        <source>open a dataset in the window (what `cluster-explorer PATH` does)</source>
        <translation>データセットをウィンドウで開く(`cluster-explorer PATH` と同じ)</translation>
    </message>
    <message>
        <source>check a dataset file against the schema</source>
        <translation>データセットのファイルがスキーマに沿っているか検査する</translation>
    </message>
    <message>
        <source>print what the dataset holds</source>
        <translation>データセットの内容の概要を表示する</translation>
    </message>
    <message>
        <source>note: a password written in a database location is visible to other accounts of this computer while the command runs; PGPASSWORD, ~/.pgpass (%APPDATA%\postgresql\pgpass.conf on Windows) or a service file keep it private</source>
        <translation>注意: データベースの接続先に書いたパスワードは、コマンドの実行中、このコンピューターの他のアカウントから見えます。PGPASSWORD、~/.pgpass(Windows では %APPDATA%\postgresql\pgpass.conf)又はサービスファイルを使えば見えません</translation>
    </message>
    <message>
        <source>search the dataset as the window&apos;s search box does (names in English or Japanese, readings in kana or romaji)</source>
        <translation>ウィンドウの検索欄と同じようにデータセットを検索する（名称は英語又は日本語、読みは仮名又はローマ字）</translation>
    </message>
    <message>
        <source>what to look for</source>
        <translation>検索する語</translation>
    </message>
    <message>
        <source>at most this many hits (default {limit})</source>
        <translation>表示する件数の上限（既定：{limit}）</translation>
    </message>
    <message>
        <source>the dataset, as for the main command&apos;s --data (default: the bundled one)</source>
        <translation>データセット(メインコマンドの --data と同じ。既定: 同梱のデータセット)</translation>
    </message>
    <message>
        <source>copy a dataset between a GeoPackage and a PostGIS database, either way (checked first; all or nothing)</source>
        <translation>データセットを GeoPackage と PostGIS データベースの間で複写(どちら向きも可。事前に検査し、全件複写するか何も複写しない)</translation>
    </message>
    <message>
        <source>a .gpkg file (replaced) or a database location (its schema&apos;s dataset tables are replaced)</source>
        <translation>.gpkg ファイル(置き換える)又はデータベースの接続先(そのスキーマのデータセットの表を置き換える)</translation>
    </message>
    <message>
        <source>{path}: {count} problem(s)</source>
        <translation>{path}: 問題 {count}件</translation>
    </message>
    <message>
        <source>{path}: the database could not be read; its offline copy of {saved} UTC is valid — {summary}</source>
        <translation>{path}: データベースを読めませんでした。{saved} UTC に保存したオフラインコピーは問題なし — {summary}</translation>
    </message>
    <message>
        <source>{path}: valid — {summary}</source>
        <translation>{path}: 問題なし — {summary}</translation>
    </message>
    <message>
        <source>nothing copied to {target}: {count} problem(s)</source>
        <translation>{target} には何も複写していません：問題 {count}件</translation>
    </message>
    <message>
        <source>{count} problem(s)</source>
        <translation>問題 {count}件</translation>
    </message>
    <message>
        <source>export the map as {names}</source>
        <translation>地図を {names} で出力する</translation>
    </message>
    <message>
        <source>show this help, with the field, program and bureau ids of the dataset (the bundled one, or --data given before --help), and exit</source>
        <translation>このヘルプを、データセット(同梱のもの、又は --help より前に指定した --data)の分野・事業・経済産業局の ID とともに表示して終了する</translation>
    </message>
    <message>
        <source>output file; its suffix chooses the format: {suffixes}</source>
        <translation>出力ファイル。拡張子で形式を選択: {suffixes}</translation>
    </message>
    <message>
        <source>WIDTHxHEIGHT in pixels, each side 16–{max} (default {default}); a {raster} picture may have at most {megapixels} megapixels (width × height × scale²)</source>
        <translation>幅x高さ(ピクセル)。各辺 16~{max}(既定 {default})。{raster} の画像は最大 {megapixels} メガピクセル(幅 × 高さ × 倍率²)</translation>
    </message>
    <message>
        <source>pixel multiplier for {raster}, 1–4 (see --size for the limit)</source>
        <translation>{raster} のピクセル倍率、1~4(上限は --size を参照)</translation>
    </message>
    <message>
        <source>field id (repeatable; listed below)</source>
        <translation>分野 ID(複数指定可。一覧は下記)</translation>
    </message>
    <message>
        <source>program id (repeatable; listed below)</source>
        <translation>事業 ID(複数指定可。一覧は下記)</translation>
    </message>
    <message>
        <source>bureau id to select and frame (listed below)</source>
        <translation>選択して表示する経済産業局の ID(一覧は下記)</translation>
    </message>
    <message>
        <source>draw the tie-up arcs</source>
        <translation>海外連携の線を描く</translation>
    </message>
    <message>
        <source>title (default: what is shown)</source>
        <translation>表題(既定: 表示内容から作成)</translation>
    </message>
    <message>
        <source>the language of the titles, names, legend and captions (default: the command&apos;s language)</source>
        <translation>表題、名称、凡例及び出典表示の言語(既定：コマンドの言語)</translation>
    </message>
    <message>
        <source>write fiscal years with the Japanese era (平成17年度) instead of the Western year</source>
        <translation>年度を西暦ではなく和暦(平成17年度)で表記する</translation>
    </message>
    <message>
        <source>a second, smaller line under the title</source>
        <translation>表題の下に小さく添える副題</translation>
    </message>
    <message>
        <source>leave out the legend of fields</source>
        <translation>分野の凡例を描かない</translation>
    </message>
    <message>
        <source>leave out the scale bar</source>
        <translation>縮尺を描かない</translation>
    </message>
    <message>
        <source>draw a north arrow</source>
        <translation>方位記号を描く</translation>
    </message>
    <message>
        <source>leave out the place names (GeoNames)</source>
        <translation>地名（GeoNames）を描かない</translation>
    </message>
    <message>
        <source>leave out the organisations imported from lists, and a database&apos;s national list</source>
        <translation>一覧から取り込んだ参加機関と、データベースの全国の法人一覧を描かない</translation>
    </message>
    <message>
        <source>with .pptx: a PowerPoint .pptx or .potx whose slide master the slides take (its &apos;Title Only&apos; layout, found by its title placeholder)</source>
        <translation>.pptx の場合：スライドマスターを使う PowerPoint の .pptx 又は .potx ファイル(タイトルのプレースホルダーで見つけた「タイトルのみ」のレイアウトを使用)</translation>
    </message>
    <message>
        <source>with {paged}: a national map, then per bureau a map and a figures page</source>
        <translation>{paged} の場合: 全国の地図に続けて、経済産業局ごとに地図と数値のページを出力</translation>
    </message>
    <message>
        <source>with .pptx: the figures (network size, budgets, companies and universities per bureau and project) as editable PowerPoint charts</source>
        <translation>.pptx の場合: 数値(ネットワークの規模、予算、経済産業局別・プロジェクト別の企業数及び大学数)を編集可能な PowerPoint のグラフとして出力</translation>
    </message>
    <message>
        <source>ids: the dataset could not be read ({count} problem(s))</source>
        <translation>ID: データセットを読み込めませんでした(問題 {count}件)</translation>
    </message>
    <message>
        <source>field ids (--field)</source>
        <translation>分野 ID(--field)</translation>
    </message>
    <message>
        <source>program ids (--program)</source>
        <translation>事業 ID(--program)</translation>
    </message>
    <message>
        <source>bureau ids (--bureau)</source>
        <translation>経済産業局 ID(--bureau)</translation>
    </message>
    <message>
        <source>formats:</source>
        <translation>出力形式:</translation>
    </message>
    <message>
        <source>wrote {path}</source>
        <translation>{path} に出力しました</translation>
    </message>
    <message>
        <source>write a one-page A4 PDF report of a bureau</source>
        <translation>経済産業局ごとの A4 判1ページの報告書を PDF で出力する</translation>
    </message>
    <message>
        <source>output .pdf file</source>
        <translation>出力する .pdf ファイル</translation>
    </message>
    <message>
        <source>the bureau to report on; the bundled dataset&apos;s are: {ids}</source>
        <translation>報告書の対象とする経済産業局。同梱のデータセットでは：{ids}</translation>
    </message>
    <message>
        <source>the language of the report (default: the command&apos;s language)</source>
        <translation>報告書の言語（既定：コマンドの言語）</translation>
    </message>
    <message>
        <source>cluster-explorer report: unknown bureau {bureau}; valid: {valid}</source>
        <translation>cluster-explorer report: 経済産業局 {bureau} はありません。指定できるもの: {valid}</translation>
    </message>
    <message>
        <source>import an organisation list (.xlsx or .csv) into a dataset</source>
        <translation>参加機関の一覧（.xlsx 又は .csv）をデータセットに取り込む</translation>
    </message>
    <message>
        <source>the .xlsx or .csv file</source>
        <translation>.xlsx 又は .csv ファイル</translation>
    </message>
    <message>
        <source>the GeoPackage the rows are added to</source>
        <translation>行を追加する GeoPackage</translation>
    </message>
    <message>
        <source>the project of rows whose list gives none</source>
        <translation>一覧にプロジェクトの記載がない行のプロジェクト</translation>
    </message>
    <message>
        <source>the sheet of a workbook (default: the first)</source>
        <translation>ブックのシート（既定：最初のシート）</translation>
    </message>
    <message>
        <source>the row of the column headers, as the spreadsheet numbers it (default: the row naming the most known fields, such as 名称 or Name)</source>
        <translation>列見出しの行（表計算ソフトでの行番号。既定：名称や Name など既知の項目名を最も多く含む行）</translation>
    </message>
    <message>
        <source>take FIELD from the column HEADER instead of the guess; fields: {fields} (repeatable)</source>
        <translation>FIELD を推定によらず見出し HEADER の列から読み込む。FIELD：{fields}（複数指定可）</translation>
    </message>
    <message>
        <source>Read a list of organisations (Excel .xlsx, or CSV in UTF-8 or Shift_JIS), place the rows without coordinates at their municipality&apos;s point in the bundled gazetteer of Japan&apos;s municipalities, and add them as participants to DATASET.gpkg (created from the bundled dataset if it does not exist). The list is never changed; the dataset is replaced only by a file that validates. Rows that cannot be placed, or fit several places, are listed and left out.</source>
        <translation>参加機関の一覧（Excel の .xlsx、又は UTF-8 若しくは Shift_JIS の CSV）を読み込み、座標のない行は同梱の全国市区町村の地名辞典でその市区町村の地点に置き、参加機関として DATASET.gpkg に追加します（ファイルがない場合は同梱のデータセットから作成します）。一覧は変更しません。データセットは検査に合格したファイルでのみ置き換えます。所在地を定められない行及び複数の地名に該当する行は、一覧で示して取り込みません。</translation>
    </message>
    <message>
        <source>for a row whose municipality fits several places, the one it means, by its municipality code (全国地方公共団体コード, listed in the report; repeatable)</source>
        <translation>市区町村が複数の地名に該当する行について、該当する市区町村を全国地方公共団体コードで指定（コードは結果の一覧に記載。複数指定可）</translation>
    </message>
    <message>
        <source>no header row found in {list}: no row of its first {rows} names a known field (such as 名称, 都道府県 or Name); give it with --header-row N or the columns with --column</source>
        <translation>{list} に見出し行が見つかりません：最初の {rows} 行に既知の項目名（名称、都道府県、Name など）を含む行がありません。--header-row N で見出し行を、または --column で列を指定してください</translation>
    </message>
    <message>
        <source>{path}: {problem}</source>
        <translation>{path}：{problem}</translation>
    </message>
    <message>
        <source>row {row} ({name}): {problem}</source>
        <translation>{row}行目（{name}）：{problem}</translation>
    </message>
    <message>
        <source>no row of {count} could be imported; {path} is unchanged</source>
        <translation>{count}行のうち取り込めた行はありません。{path} は変更していません。</translation>
    </message>
    <message>
        <source>the result would not validate; {path} is unchanged</source>
        <translation>取込み結果が検査に合格しないため、{path} は変更していません。</translation>
    </message>
    <message>
        <source>cannot write {path}: {reason}</source>
        <translation>{path} に書き込めません：{reason}</translation>
    </message>
    <message>
        <source>{path}: imported {imported} of {count} rows from {list} (replacing {replaced} from its earlier import); {reported} reported</source>
        <translation>{path}：{list} の {count}行のうち {imported}行を取り込みました（以前の取込み分 {replaced}行を置換）。取り込まなかった行：{reported}行</translation>
    </message>
    <message>
        <source>{path}: imported {imported} of {count} rows from {list}; {reported} reported</source>
        <translation>{path}：{list} の {count}行のうち {imported}行を取り込みました。取り込まなかった行：{reported}行</translation>
    </message>
    <message>
        <source>no project: give a project column or --project ID</source>
        <translation>プロジェクトがありません。プロジェクトの列を設けるか、--project ID で指定してください</translation>
    </message>
    <message>
        <source>installing {packages} for the window</source>
        <translation>ウィンドウに必要な {packages} をインストールしています</translation>
    </message>
    <message>
        <source>the window cannot open: this system lacks {libraries}; install them with: sudo apt-get install {packages}</source>
        <translation>ウィンドウを開けません。このシステムには {libraries} がありません。次のコマンドでインストールしてください：sudo apt-get install {packages}</translation>
    </message>
</context>
<context>
    <name>ChartText</name>
    <message>
        <source>not given</source>
        <translation>記載なし</translation>
    </message>
    <message>
        <source>{title} ({unit})</source>
        <translation>{title}（{unit}）</translation>
    </message>
</context>
<context>
    <name>ChartsDeck</name>
    <message>
        <source>Sources: {sources}</source>
        <translation>出典：{sources}</translation>
    </message>
</context>
<context>
    <name>ChartsPanel</name>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 画像 (*.png)</translation>
    </message>
    <message>
        <source>SVG drawing (*.svg)</source>
        <translation>SVG 図形 (*.svg)</translation>
    </message>
    <message>
        <source>{title} ({unit})</source>
        <translation>{title}（{unit}）</translation>
    </message>
    <message>
        <source>Save chart…</source>
        <translation>グラフを保存…</translation>
    </message>
    <message>
        <source>Chart</source>
        <translation>グラフ</translation>
    </message>
    <message>
        <source>Chart shown</source>
        <translation>表示するグラフ</translation>
    </message>
    <message>
        <source>Chart area</source>
        <translation>グラフの表示領域</translation>
    </message>
    <message>
        <source>Save the shown chart as a PNG image or an SVG drawing</source>
        <translation>表示中のグラフを PNG 画像又は SVG 図形として保存します</translation>
    </message>
    <message>
        <source>Save chart</source>
        <translation>グラフの保存</translation>
    </message>
    <message>
        <source>Chart not saved</source>
        <translation>グラフを保存できませんでした</translation>
    </message>
    <message>
        <source>Sources: {sources}</source>
        <translation>出典: {sources}</translation>
    </message>
    <message>
        <source>the filter&apos;s projects, by bureau</source>
        <translation>絞り込み条件に該当するプロジェクト(経済産業局別)</translation>
    </message>
    <message>
        <source>national figures as the sources give them</source>
        <translation>出典に記載された全国の数値</translation>
    </message>
    <message>
        <source>not given by the sources</source>
        <translation>出典に記載なし</translation>
    </message>
</context>
<context>
    <name>ComparePanel</name>
    <message>
        <source>Dock in the window</source>
        <translation>ウィンドウに戻す</translation>
    </message>
    <message>
        <source>Open in a window</source>
        <translation>別ウィンドウで開く</translation>
    </message>
    <message>
        <source>Give the comparison a window of its own, with room for four columns and their charts; uncheck to dock it again</source>
        <translation>比較を別ウィンドウで開き、4列とそのグラフを並べて表示します。チェックを外すとウィンドウに戻します。</translation>
    </message>
    <message>
        <source>Bureaus</source>
        <translation>経済産業局</translation>
    </message>
    <message>
        <source>Projects</source>
        <translation>プロジェクト</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>比較の対象</translation>
    </message>
    <message>
        <source>Bureaus to compare</source>
        <translation>比較する経済産業局</translation>
    </message>
    <message>
        <source>Projects to compare</source>
        <translation>比較するプロジェクト</translation>
    </message>
    <message>
        <source>Charts of the comparison</source>
        <translation>比較のグラフ</translation>
    </message>
    <message>
        <source>At most {count} side by side.</source>
        <translation>同時に比較できるのは {count} 件までです。</translation>
    </message>
    <message numerus="yes">
        <source>%n project(s) side by side — the filter&apos;s projects; companies and universities as reported</source>
        <translation>
            <numerusform>プロジェクト %n件の比較 — 絞り込み条件に該当するプロジェクト。企業数及び大学数は出典の報告どおり</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n region(s) side by side — the filter&apos;s projects; companies and universities as reported</source>
        <translation>
            <numerusform>地域 %n件の比較 — 絞り込み条件に該当するプロジェクト。企業数及び大学数は出典の報告どおり</numerusform>
        </translation>
    </message>
    <message>
        <source>not given: {names}</source>
        <translation>記載なし: {names}</translation>
    </message>
</context>
<context>
    <name>DatasetFiles</name>
    <message>
        <source>Datasets ({patterns})</source>
        <translation>データセット ({patterns})</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>すべてのファイル (*)</translation>
    </message>
</context>
<context>
    <name>DeckExport</name>
    <message>
        <source>Drawing the slides…</source>
        <translation>スライドを作成しています…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Exporting the deck</source>
        <translation>スライド一式を出力</translation>
    </message>
    <message>
        <source>Drawing slide %1 of %2…</source>
        <translation>スライド %2枚中 %1枚目を作成しています…</translation>
    </message>
    <message>
        <source>Writing the file…</source>
        <translation>ファイルを書き込んでいます…</translation>
    </message>
</context>
<context>
    <name>DockTabs</name>
    <message>
        <source>Earlier tabs</source>
        <translation>前のタブ</translation>
    </message>
    <message>
        <source>Later tabs</source>
        <translation>後のタブ</translation>
    </message>
</context>
<context>
    <name>Domain</name>
    <message>
        <source>Network size over time</source>
        <translation>ネットワークの規模の推移</translation>
    </message>
    <message>
        <source>New businesses launched</source>
        <translation>新事業の創出件数</translation>
    </message>
    <message>
        <source>Budgets by programme and fiscal year</source>
        <translation>事業別・年度別の予算</translation>
    </message>
    <message>
        <source>Companies and universities per bureau</source>
        <translation>経済産業局別の企業数及び大学数</translation>
    </message>
    <message>
        <source>Companies and universities per project</source>
        <translation>プロジェクト別の企業数及び大学数</translation>
    </message>
    <message>
        <source>Projects</source>
        <translation>プロジェクト数</translation>
    </message>
    <message>
        <source>Companies (reported)</source>
        <translation>企業数(報告値)</translation>
    </message>
    <message>
        <source>Universities (reported)</source>
        <translation>大学数(報告値)</translation>
    </message>
    <message>
        <source>Tie-ups</source>
        <translation>海外連携</translation>
    </message>
    <message>
        <source>Tie-up countries</source>
        <translation>連携先の国・地域数</translation>
    </message>
    <message>
        <source>Achievements</source>
        <translation>成果</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>出典</translation>
    </message>
    <message>
        <source>Tie-ups by country</source>
        <translation>国・地域別の海外連携</translation>
    </message>
    <message>
        <source>Tie-ups by field</source>
        <translation>分野別の海外連携</translation>
    </message>
    <message>
        <source>Companies</source>
        <translation>企業数</translation>
    </message>
    <message>
        <source>Universities</source>
        <translation>大学数</translation>
    </message>
    <message>
        <source>Named: {kind}</source>
        <translation>{kind}（名称の判明している参加機関）</translation>
    </message>
    <message>
        <source>organisations (as reported)</source>
        <translation>機関数(報告値)</translation>
    </message>
    <message>
        <source>count</source>
        <translation>件数</translation>
    </message>
    <message>
        <source>¥ billion</source>
        <translation>十億円</translation>
    </message>
    <message>
        <source>¥100 million</source>
        <translation>億円</translation>
    </message>
    <message>
        <source>Public research institutes</source>
        <translation>公的研究機関</translation>
    </message>
    <message>
        <source>Local governments</source>
        <translation>地方公共団体</translation>
    </message>
    <message>
        <source>Business incubators</source>
        <translation>インキュベーション施設</translation>
    </message>
    <message>
        <source>Finance</source>
        <translation>金融機関</translation>
    </message>
    <message>
        <source>Promoting organisations</source>
        <translation>推進組織</translation>
    </message>
    <message>
        <source>Support organisations</source>
        <translation>支援機関</translation>
    </message>
    <message>
        <source>Places labelled on a source map (not participants)</source>
        <translation>出典の地図に記載された地名(参加機関ではない)</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>企業</translation>
    </message>
    <message>
        <source>University</source>
        <translation>大学</translation>
    </message>
    <message>
        <source>Public research institute</source>
        <translation>公的研究機関</translation>
    </message>
    <message>
        <source>Local government</source>
        <translation>地方公共団体</translation>
    </message>
    <message>
        <source>Business incubator</source>
        <translation>インキュベーション施設</translation>
    </message>
    <message>
        <source>Promoting organisation</source>
        <translation>推進組織</translation>
    </message>
    <message>
        <source>Support organisation</source>
        <translation>支援機関</translation>
    </message>
    <message>
        <source>Place labelled on a source map</source>
        <translation>出典の地図に記載された地名</translation>
    </message>
    <message>
        <source>company</source>
        <translation>企業</translation>
    </message>
    <message>
        <source>university</source>
        <translation>大学</translation>
    </message>
    <message>
        <source>research institute</source>
        <translation>公的研究機関</translation>
    </message>
    <message>
        <source>local government</source>
        <translation>地方公共団体</translation>
    </message>
    <message>
        <source>incubator</source>
        <translation>インキュベーション施設</translation>
    </message>
    <message>
        <source>finance</source>
        <translation>金融機関</translation>
    </message>
    <message>
        <source>promoter</source>
        <translation>推進組織</translation>
    </message>
    <message>
        <source>support organisation</source>
        <translation>支援機関</translation>
    </message>
    <message>
        <source>map label</source>
        <translation>地図上の地名</translation>
    </message>
    <message>
        <source>venture</source>
        <translation>ベンチャー創出</translation>
    </message>
    <message>
        <source>listing</source>
        <translation>株式公開</translation>
    </message>
    <message>
        <source>alliance</source>
        <translation>提携</translation>
    </message>
    <message>
        <source>joint-rd</source>
        <translation>共同研究開発</translation>
    </message>
    <message>
        <source>product</source>
        <translation>製品化</translation>
    </message>
    <message>
        <source>activity</source>
        <translation>活動</translation>
    </message>
    <message>
        <source>investment</source>
        <translation>投資</translation>
    </message>
    <message>
        <source>network</source>
        <translation>ネットワーク</translation>
    </message>
    <message>
        <source>GeoPackage</source>
        <translation>GeoPackage</translation>
    </message>
    <message>
        <source>Organisation lists</source>
        <translation>機関名簿</translation>
    </message>
    <message>
        <source>years not stated</source>
        <translation>年度は出典に記載なし</translation>
    </message>
    <message>
        <source>Network SMEs</source>
        <translation>ネットワークの中小企業数</translation>
    </message>
    <message>
        <source>Network universities</source>
        <translation>ネットワークの大学数</translation>
    </message>
    <message>
        <source>New businesses</source>
        <translation>新事業の創出件数</translation>
    </message>
    <message>
        <source>Cluster plan initial</source>
        <translation>産業クラスター計画（当初予算）</translation>
    </message>
    <message>
        <source>Cluster plan supplementary</source>
        <translation>産業クラスター計画（補正予算）</translation>
    </message>
    <message>
        <source>Cluster subsidies</source>
        <translation>産業クラスターの補助金</translation>
    </message>
    <message>
        <source>Joint R&amp;D</source>
        <translation>産学連携の共同研究開発</translation>
    </message>
    <message>
        <source>New business facilities act</source>
        <translation>新事業施設の整備促進に関する法律に基づく支援</translation>
    </message>
    <message>
        <source>Regional competitive edge</source>
        <translation>地域の競争力強化</translation>
    </message>
    <message>
        <source>MEXT knowledge cluster</source>
        <translation>文部科学省 知的クラスター創成事業</translation>
    </message>
    <message>
        <source>MEXT city area</source>
        <translation>文部科学省 都市エリア産学官連携促進事業</translation>
    </message>
    <message>
        <source>MEXT regional innovation cluster</source>
        <translation>文部科学省 地域イノベーションクラスタープログラム</translation>
    </message>
    <message>
        <source>MEXT support regional innovation</source>
        <translation>文部科学省 地域イノベーション戦略支援プログラム</translation>
    </message>
    <message>
        <source>SMEs / universities</source>
        <translation>中小企業数／大学数</translation>
    </message>
    <message>
        <source>businesses</source>
        <translation>件数</translation>
    </message>
    <message>
        <source>Not by year ({years}): {label} — ¥{billions} bn [{source}]</source>
        <translation>年度別に含めないもの（{years}）：{label} — {billions}億円 [{source}]</translation>
    </message>
    <message>
        <source>{missing} of {total} projects: counts not reported</source>
        <translation>プロジェクト {total}件中 {missing}件：企業数及び大学数の報告なし</translation>
    </message>
    <message>
        <source>{program} ({source})</source>
        <translation>{program}（{source}）</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <source>{field} clusters</source>
        <translation>{field}のクラスター</translation>
    </message>
    <message>
        <source>{first} and {second} clusters</source>
        <translation>{first}及び{second}のクラスター</translation>
    </message>
    <message>
        <source>Clusters in {count} fields</source>
        <translation>{count}分野のクラスター</translation>
    </message>
    <message>
        <source>Industrial clusters</source>
        <translation>産業クラスター</translation>
    </message>
    <message>
        <source>{title} ({program})</source>
        <translation>{title}（{program}）</translation>
    </message>
    <message>
        <source>{title} ({count} programs)</source>
        <translation>{title}（{count}事業）</translation>
    </message>
    <message>
        <source>Japan</source>
        <translation>全国</translation>
    </message>
    <message>
        <source>{place}, {year}</source>
        <translation>{place}・{year}</translation>
    </message>
    <message>
        <source>{title} — {place}</source>
        <translation>{title} — {place}</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>Sources: {cited}. Boundaries: Natural Earth. Places: © OpenStreetMap contributors (ODbL), GeoNames (CC BY 4.0).</source>
        <translation>出典：{cited}。境界：Natural Earth。地名：© OpenStreetMap contributors（ODbL）、GeoNames（CC BY 4.0）。</translation>
    </message>
    <message>
        <source>Sources: {cited}. Boundaries: Natural Earth.</source>
        <translation>出典：{cited}。境界：Natural Earth。</translation>
    </message>
    <message>
        <source>none</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>Map: {title}.</source>
        <translation>地図：{title}。</translation>
    </message>
    <message>
        <source>Cluster projects shown: {count}, as circles coloured by field over the regions of the Regional Bureaus of Economy, Trade and Industry.</source>
        <translation>経済産業局の管轄地域ごとに、クラスターのプロジェクト {count}件を分野別に色分けした円で表示。</translation>
    </message>
    <message>
        <source>The {name} region is highlighted.</source>
        <translation>{name}地域を強調表示。</translation>
    </message>
    <message>
        <source>Tie-ups drawn as lines to their partners: {count}.</source>
        <translation>海外連携 {count}件を連携先への線で表示。</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export map</source>
        <translation>地図を出力</translation>
    </message>
    <message>
        <source>16:9 slide — 1920 × 1080</source>
        <translation>16:9 スライド — 1920 × 1080</translation>
    </message>
    <message>
        <source>4:3 — 1600 × 1200</source>
        <translation>4:3 — 1600 × 1200</translation>
    </message>
    <message>
        <source>4:3 — 1024 × 768</source>
        <translation>4:3 — 1024 × 768</translation>
    </message>
    <message>
        <source>A4 landscape, print (×3: 288 dpi)</source>
        <translation>A4 横、印刷用（×3：288 dpi）</translation>
    </message>
    <message>
        <source>A4 portrait, print (×3: 288 dpi)</source>
        <translation>A4 縦、印刷用（×3：288 dpi）</translation>
    </message>
    <message>
        <source>Custom size</source>
        <translation>任意の大きさ</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>%1×</source>
        <translation>%1倍</translation>
    </message>
    <message>
        <source>None</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>Legend</source>
        <translation>凡例</translation>
    </message>
    <message>
        <source>Scale bar</source>
        <translation>縮尺</translation>
    </message>
    <message>
        <source>North arrow</source>
        <translation>方位記号</translation>
    </message>
    <message>
        <source>Tie-ups</source>
        <translation>海外連携</translation>
    </message>
    <message>
        <source>Place names</source>
        <translation>地名</translation>
    </message>
    <message>
        <source>What the window shows</source>
        <translation>ウィンドウに表示中の範囲</translation>
    </message>
    <message>
        <source>Whole country</source>
        <translation>全国</translation>
    </message>
    <message>
        <source>The map has not told its area yet</source>
        <translation>地図の表示範囲がまだ分かりません</translation>
    </message>
    <message>
        <source>One slide per bureau (a national slide, then each bureau&apos;s map and figures)</source>
        <translation>経済産業局ごとにスライドを作成(全国のスライドの後、各経済産業局の地図及び数値)</translation>
    </message>
    <message>
        <source>None: a plain 16:9 deck</source>
        <translation>なし：標準の 16:9 スライド</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>選択…</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>形式：</translation>
    </message>
    <message>
        <source>Page:</source>
        <translation>用紙：</translation>
    </message>
    <message>
        <source>Size:</source>
        <translation>大きさ：</translation>
    </message>
    <message>
        <source>Scale:</source>
        <translation>倍率：</translation>
    </message>
    <message>
        <source>File</source>
        <translation>ファイル</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>表題：</translation>
    </message>
    <message>
        <source>Subtitle:</source>
        <translation>副題：</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>表示：</translation>
    </message>
    <message>
        <source>Area:</source>
        <translation>範囲：</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Template:</source>
        <translation>テンプレート：</translation>
    </message>
    <message>
        <source>PowerPoint</source>
        <translation>PowerPoint</translation>
    </message>
    <message>
        <source>Preview of the export</source>
        <translation>出力のプレビュー</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>出力…</translation>
    </message>
    <message>
        <source>%1 × %2 pixels is %3 megapixels: a picture may have at most %4. Choose a smaller size or scale.</source>
        <translation>%1 × %2 ピクセルは %3 メガピクセルです。画像は最大 %4 までです。より小さい大きさ又は倍率を選んでください。</translation>
    </message>
    <message>
        <source>The template file does not exist.</source>
        <translation>テンプレートのファイルがありません。</translation>
    </message>
    <message>
        <source>%1 × %2 pixels</source>
        <translation>%1 × %2 ピクセル</translation>
    </message>
    <message>
        <source>Vector drawing, %1 × %2 at 96 dpi</source>
        <translation>ベクター図形、96 dpi で %1 × %2</translation>
    </message>
    <message>
        <source>This template cannot be used: {reason}</source>
        <translation>このテンプレートは使えません：{reason}</translation>
    </message>
    <message>
        <source>PowerPoint template</source>
        <translation>PowerPoint テンプレート</translation>
    </message>
    <message>
        <source>PowerPoint templates and presentations (*.potx *.pptx)</source>
        <translation>PowerPoint テンプレート及びプレゼンテーション (*.potx *.pptx)</translation>
    </message>
</context>
<context>
    <name>ExportFormats</name>
    <message>
        <source>PNG</source>
        <translation>PNG</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 画像 (*.png)</translation>
    </message>
    <message>
        <source>a picture of WIDTHxHEIGHT × scale pixels</source>
        <translation>幅×高さ×倍率 ピクセルの画像</translation>
    </message>
    <message>
        <source>SVG</source>
        <translation>SVG</translation>
    </message>
    <message>
        <source>SVG vector (*.svg)</source>
        <translation>SVG ベクター画像 (*.svg)</translation>
    </message>
    <message>
        <source>a vector drawing, its text kept as text</source>
        <translation>ベクター図（文字は文字のまま）</translation>
    </message>
    <message>
        <source>PDF</source>
        <translation>PDF</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF 文書 (*.pdf)</translation>
    </message>
    <message>
        <source>a one-page vector document, its text kept as text</source>
        <translation>1 ページのベクター文書（文字は文字のまま）</translation>
    </message>
    <message>
        <source>PPTX</source>
        <translation>PPTX</translation>
    </message>
    <message>
        <source>PowerPoint slide (*.pptx)</source>
        <translation>PowerPoint スライド (*.pptx)</translation>
    </message>
    <message>
        <source>a 16:9 PowerPoint slide: the map as a picture, title and sources as text boxes</source>
        <translation>16:9 の PowerPoint スライド：地図は画像、題名と出典はテキストボックス</translation>
    </message>
</context>
<context>
    <name>ExportNotice</name>
    <message>
        <source>Open folder</source>
        <translation>フォルダーを開く</translation>
    </message>
    <message>
        <source>Open the folder of the exported file</source>
        <translation>出力したファイルのフォルダーを開く</translation>
    </message>
    <message>
        <source>Close this message</source>
        <translation>このメッセージを閉じる</translation>
    </message>
    <message>
        <source>Exported “{name}”</source>
        <translation>「{name}」を出力しました</translation>
    </message>
    <message>
        <source>Map copied to the clipboard</source>
        <translation>地図をクリップボードにコピーしました</translation>
    </message>
</context>
<context>
    <name>Figures</name>
    <message>
        <source>about {figure}</source>
        <translation>約{figure}</translation>
    </message>
    <message>
        <source>around {figure}</source>
        <translation>約{figure}</translation>
    </message>
    <message>
        <source>approximately {figure}</source>
        <translation>約{figure}</translation>
    </message>
    <message>
        <source>some {figure}</source>
        <translation>約{figure}</translation>
    </message>
    <message>
        <source>over {figure}</source>
        <translation>{figure}以上</translation>
    </message>
    <message>
        <source>more than {figure}</source>
        <translation>{figure}超</translation>
    </message>
    <message>
        <source>%n company</source>
        <translation>%n社</translation>
    </message>
    <message>
        <source>%n companies</source>
        <translation>%n社</translation>
    </message>
    <message>
        <source>%n university</source>
        <translation>%n校</translation>
    </message>
    <message>
        <source>%n universities</source>
        <translation>%n校</translation>
    </message>
    <message>
        <source>%n case</source>
        <translation>%n件</translation>
    </message>
    <message>
        <source>%n cases</source>
        <translation>%n件</translation>
    </message>
    <message>
        <source>%n participant</source>
        <translation>%n人</translation>
    </message>
    <message>
        <source>%n participants</source>
        <translation>%n人</translation>
    </message>
    <message>
        <source>%n organisation</source>
        <translation>%n団体</translation>
    </message>
    <message>
        <source>%n organisations</source>
        <translation>%n団体</translation>
    </message>
    <message>
        <source>%n alliance</source>
        <translation>%n件</translation>
    </message>
    <message>
        <source>%n alliances</source>
        <translation>%n件</translation>
    </message>
    <message>
        <source>%n member</source>
        <translation>%n名</translation>
    </message>
    <message>
        <source>%n members</source>
        <translation>%n名</translation>
    </message>
    <message>
        <source>%n activity</source>
        <translation>%n件</translation>
    </message>
    <message>
        <source>%n activities</source>
        <translation>%n件</translation>
    </message>
    <message>
        <source>%n SME</source>
        <translation>%n社</translation>
    </message>
    <message>
        <source>%n SMEs</source>
        <translation>%n社</translation>
    </message>
    <message>
        <source>%n business</source>
        <translation>%n件</translation>
    </message>
    <message>
        <source>%n businesses</source>
        <translation>%n件</translation>
    </message>
    <message>
        <source>%n researcher</source>
        <translation>%n人</translation>
    </message>
    <message>
        <source>%n researchers</source>
        <translation>%n人</translation>
    </message>
    <message>
        <source>%n official</source>
        <translation>%n人</translation>
    </message>
    <message>
        <source>%n officials</source>
        <translation>%n人</translation>
    </message>
    <message>
        <source>%n region</source>
        <translation>%n地域</translation>
    </message>
    <message>
        <source>%n regions</source>
        <translation>%n地域</translation>
    </message>
    <message>
        <source>%n area</source>
        <translation>%n地域</translation>
    </message>
    <message>
        <source>%n areas</source>
        <translation>%n地域</translation>
    </message>
    <message>
        <source>%n district</source>
        <translation>%n地区</translation>
    </message>
    <message>
        <source>%n districts</source>
        <translation>%n地区</translation>
    </message>
    <message>
        <source>%n cluster</source>
        <translation>%nクラスター</translation>
    </message>
    <message>
        <source>%n clusters</source>
        <translation>%nクラスター</translation>
    </message>
    <message>
        <source>%n product per year</source>
        <translation>年%n製品</translation>
    </message>
    <message>
        <source>%n products per year</source>
        <translation>年%n製品</translation>
    </message>
    <message>
        <source>%n issue per year</source>
        <translation>年%n号</translation>
    </message>
    <message>
        <source>%n issues per year</source>
        <translation>年%n号</translation>
    </message>
    <message>
        <source>%n hit per day</source>
        <translation>1日%n件</translation>
    </message>
    <message>
        <source>%n hits per day</source>
        <translation>1日%n件</translation>
    </message>
    <message>
        <source>%n hit per month</source>
        <translation>月%n件</translation>
    </message>
    <message>
        <source>%n hits per month</source>
        <translation>月%n件</translation>
    </message>
    <message>
        <source>%n coordinator dispatch</source>
        <translation>コーディネーター派遣%n件</translation>
    </message>
    <message>
        <source>%n coordinator dispatches</source>
        <translation>コーディネーター派遣%n件</translation>
    </message>
    <message>
        <source>%n application per award</source>
        <translation>競争率%n倍</translation>
    </message>
    <message>
        <source>%n applications per award</source>
        <translation>競争率%n倍</translation>
    </message>
    <message>
        <source>c. {year}</source>
        <translation>{year}年頃</translation>
    </message>
    <message>
        <source>{day} {month} {year}</source>
        <translation>{year}年{month}月{day}日</translation>
    </message>
    <message>
        <source>{month} {year}</source>
        <translation>{year}年{month}月</translation>
    </message>
    <message>
        <source>as of {date}</source>
        <translation>{date}時点</translation>
    </message>
    <message>
        <source>since {date}</source>
        <translation>{date}以降</translation>
    </message>
    <message>
        <source>up to {date}</source>
        <translation>{date}まで</translation>
    </message>
    <message>
        <source>end of {date}</source>
        <translation>{date}末</translation>
    </message>
</context>
<context>
    <name>FilterPanel</name>
    <message>
        <source>Clear all filters</source>
        <translation>すべての絞り込みを解除</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>分野</translation>
    </message>
    <message>
        <source>Programs</source>
        <translation>事業</translation>
    </message>
    <message>
        <source>Program not stated in the sources</source>
        <translation>出典に事業の記載なし</translation>
    </message>
    <message>
        <source>A program the sources name only in English</source>
        <translation>出典に英語名のみ記載されている事業</translation>
    </message>
</context>
<context>
    <name>ImportListDialog</name>
    <message>
        <source>Import an organisation list</source>
        <translation>参加機関の一覧の取込み</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>選択…</translation>
    </message>
    <message>
        <source>List (.xlsx or .csv):</source>
        <translation>一覧（.xlsx 又は .csv）：</translation>
    </message>
    <message>
        <source>Sheet:</source>
        <translation>シート：</translation>
    </message>
    <message>
        <source>Header row:</source>
        <translation>見出し行：</translation>
    </message>
    <message>
        <source>Project of rows without one:</source>
        <translation>プロジェクトの記載がない行のプロジェクト：</translation>
    </message>
    <message>
        <source>Name (Japanese)</source>
        <translation>名称（日本語）</translation>
    </message>
    <message>
        <source>Name (English)</source>
        <translation>名称（英語）</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種別</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>プロジェクト</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>役割</translation>
    </message>
    <message>
        <source>Prefecture</source>
        <translation>都道府県</translation>
    </message>
    <message>
        <source>Municipality</source>
        <translation>市区町村</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>所在地</translation>
    </message>
    <message>
        <source>Latitude</source>
        <translation>緯度</translation>
    </message>
    <message>
        <source>Longitude</source>
        <translation>経度</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>列の対応</translation>
    </message>
    <message>
        <source>Place for the selected row:</source>
        <translation>選択した行の所在地：</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>保存先を指定…</translation>
    </message>
    <message>
        <source>Add the rows to (.gpkg):</source>
        <translation>行の追加先（.gpkg）：</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>取り込む</translation>
    </message>
    <message>
        <source>Project of the rows:</source>
        <translation>各行のプロジェクト：</translation>
    </message>
    <message>
        <source>(choose a project)</source>
        <translation>（プロジェクトを選択）</translation>
    </message>
    <message>
        <source>Import cancelled: nothing was written.</source>
        <translation>取り込みを取り消しました。何も書き込んでいません。</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>取り消しています…</translation>
    </message>
    <message>
        <source>Choose an organisation list</source>
        <translation>参加機関の一覧を選択</translation>
    </message>
    <message>
        <source>Lists (*.xlsx *.csv);;All files (*)</source>
        <translation>一覧 (*.xlsx *.csv);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>The list cannot be read</source>
        <translation>一覧を読み込めません</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（なし）</translation>
    </message>
    <message>
        <source>(from the list)</source>
        <translation>（一覧の記載による）</translation>
    </message>
    <message>
        <source>Reading {list}…</source>
        <translation>{list} を読み込んでいます…</translation>
    </message>
    <message>
        <source>No row names a known column (such as 名称, 都道府県 or Name): row {row} is taken as the header. Choose the row that holds the column names.</source>
        <translation>既知の項目名（名称、都道府県、Name など）を含む行がないため、{row} 行目を見出しとしています。列名のある行を選んでください。</translation>
    </message>
    <message numerus="yes">
        <source>Checking and placing %n row(s)…</source>
        <translation>
            <numerusform>%n 行を検査し、所在地を定めています…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s): {ready} ready, {choose} to choose a place for, {unplaced} not found, {invalid} with a problem. Rows not ready are left out and listed here.</source>
        <translation>
            <numerusform>%n行：取込み可能 {ready}行、所在地の選択が必要 {choose}行、所在地が見つからない {unplaced}行、問題がある {invalid}行。取込み可能でない行は取り込まず、ここに一覧で示します。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) give no project: choose the project they belong to.</source>
        <translation>
            <numerusform>%n 行にプロジェクトがありません。これらの行が属するプロジェクトを選んでください。</numerusform>
        </translation>
    </message>
    <message>
        <source>The list has no project column: choose the project its rows belong to.</source>
        <translation>一覧にプロジェクトの列がありません。各行が属するプロジェクトを選んでください。</translation>
    </message>
    <message>
        <source>(choose)</source>
        <translation>（選択してください）</translation>
    </message>
    <message>
        <source>Add the rows to a GeoPackage</source>
        <translation>行を GeoPackage に追加</translation>
    </message>
    <message>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <source>Nothing was imported</source>
        <translation>取り込みませんでした</translation>
    </message>
    <message numerus="yes">
        <source>Writing %n row(s) into {target}…</source>
        <translation>
            <numerusform>{target} に %n 行を書き込んでいます…</numerusform>
        </translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>取込み完了</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) imported into {target}; {reported} left out. Open it now?</source>
        <translation>
            <numerusform>{target} に %n行を取り込みました（取り込まなかった行：{reported}行）。今すぐ開きますか？</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportPreviewModel</name>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種別</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>プロジェクト</translation>
    </message>
    <message>
        <source>Place or problem</source>
        <translation>所在地又は問題</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>取込み可能</translation>
    </message>
    <message>
        <source>choose a place</source>
        <translation>所在地を選択</translation>
    </message>
    <message>
        <source>not found</source>
        <translation>見つかりません</translation>
    </message>
    <message>
        <source>problem</source>
        <translation>問題あり</translation>
    </message>
    <message>
        <source>placed at its coordinates ({lat}, {lon})</source>
        <translation>座標（{lat}, {lon}）に配置</translation>
    </message>
    <message>
        <source>chosen: {place} (municipality code {code})</source>
        <translation>選択：{place}（全国地方公共団体コード {code}）</translation>
    </message>
    <message>
        <source>placed: {place} (municipality code {code})</source>
        <translation>配置：{place}（全国地方公共団体コード {code}）</translation>
    </message>
    <message numerus="yes">
        <source>“{name}” fits %n place(s); choose one below the list</source>
        <translation>
            <numerusform>「{name}」は %n か所に該当します。一覧の下で一つを選んでください</numerusform>
        </translation>
    </message>
    <message>
        <source>no coordinates, municipality or address to place it by</source>
        <translation>所在地を定める座標、市区町村又は住所がありません</translation>
    </message>
    <message>
        <source>no municipality matches “{name}”</source>
        <translation>「{name}」に該当する市区町村がありません</translation>
    </message>
</context>
<context>
    <name>ImportProblems</name>
    <message>
        <source>the name is empty</source>
        <translation>名称が空です</translation>
    </message>
    <message>
        <source>the {field} is longer than {limit} characters</source>
        <translation>{field} が {limit} 文字を超えています</translation>
    </message>
    <message>
        <source>the kind is empty</source>
        <translation>種別が空です</translation>
    </message>
    <message>
        <source>unknown kind “{text}” (valid: {kinds} or their Japanese names: 企業, 大学, 研究機関, 自治体, …)</source>
        <translation>不明な種別「{text}」（有効な値：{kinds} 又は日本語名：企業、大学、研究機関、自治体など）</translation>
    </message>
    <message>
        <source>no project: choose the project of the rows above</source>
        <translation>プロジェクトがありません。上の「各行のプロジェクト」で選んでください</translation>
    </message>
    <message>
        <source>unknown project “{text}”</source>
        <translation>不明なプロジェクト「{text}」</translation>
    </message>
    <message>
        <source>the chosen place {choice} is not one of the row&apos;s {count} candidates</source>
        <translation>選んだ地点 {choice} は、この行の候補 {count} 件のいずれでもありません</translation>
    </message>
    <message>
        <source>the coordinates ({lat}, {lon}) are not numbers</source>
        <translation>座標（{lat}, {lon}）が数値ではありません</translation>
    </message>
    <message>
        <source>give both latitude and longitude, or neither</source>
        <translation>緯度と経度は両方を記入するか、両方を空にしてください</translation>
    </message>
    <message>
        <source>the point (latitude {lat}, longitude {lon}) is outside Japan</source>
        <translation>地点（緯度 {lat}、経度 {lon}）が日本の範囲外です</translation>
    </message>
    <message>
        <source>the point (latitude {lat}, longitude {lon}) is outside Japan (latitude and longitude swapped?)</source>
        <translation>地点（緯度 {lat}、経度 {lon}）が日本の範囲外です（緯度と経度が逆ではありませんか）</translation>
    </message>
</context>
<context>
    <name>Licences</name>
    <message>
        <source>Japanese text in the window, the map and the exports (resources/fonts)</source>
        <translation>ウィンドウ、地図及び出力ファイルの日本語表示(resources/fonts)</translation>
    </message>
    <message>
        <source>map rendering (vendored in resources/vendor)</source>
        <translation>地図の描画(resources/vendor に同梱)</translation>
    </message>
    <message>
        <source>prefecture and country boundaries in the bundled dataset</source>
        <translation>同梱データセットの都道府県界及び国境</translation>
    </message>
    <message>
        <source>packaging of Natural Earth admin-1 and country boundaries</source>
        <translation>Natural Earth の都道府県界及び国境データの整形</translation>
    </message>
    <message>
        <source>user interface; the frozen app ships Qt&apos;s libraries unmodified and as separate files, which may be replaced by other builds of the same version</source>
        <translation>ユーザーインターフェース。配布版には Qt のライブラリを改変せず個別のファイルとして同梱しており、同じバージョンの別のビルドに差し替えることができます</translation>
    </message>
    <message>
        <source>the map view</source>
        <translation>地図の表示</translation>
    </message>
    <message>
        <source>geodata handling</source>
        <translation>地理データの処理</translation>
    </message>
    <message>
        <source>reading GeoPackages, coordinate systems, geometry</source>
        <translation>GeoPackage の読込み、座標系、図形処理</translation>
    </message>
    <message>
        <source>the places layer of the bundled dataset: place names and positions for search and for placing imported lists</source>
        <translation>同梱データセットの地名レイヤー：検索と取り込んだ名簿の位置付けに使う地名と位置</translation>
    </message>
    <message>
        <source>Japanese readings (kana and romaji) in search</source>
        <translation>検索での日本語の読み（かな・ローマ字）</translation>
    </message>
    <message>
        <source>shared PostGIS databases</source>
        <translation>共有の PostGIS データベース</translation>
    </message>
    <message>
        <source>Excel lists and tables</source>
        <translation>Excel の名簿と表</translation>
    </message>
    <message>
        <source>PowerPoint export</source>
        <translation>PowerPoint への出力</translation>
    </message>
    <message>
        <source>the interpreter</source>
        <translation>インタープリター</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;Open dataset…</source>
        <translation>データセットを開く(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <source>Show &amp;tie-ups abroad</source>
        <translation>海外連携を表示(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Prefecture borders</source>
        <translation>都道府県界(&amp;P)</translation>
    </message>
    <message>
        <source>Place &amp;names</source>
        <translation>地名(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Reset view</source>
        <translation>表示をリセット(&amp;R)</translation>
    </message>
    <message>
        <source>Whole &amp;country</source>
        <translation>全国(&amp;C)</translation>
    </message>
    <message>
        <source>C&amp;lear filters</source>
        <translation>絞り込みを解除(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>検索(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;About Cluster Explorer</source>
        <translation>Cluster Explorer について(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Import list…</source>
        <translation>一覧を取り込む(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>最近使ったファイル(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>編集(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>言語(&amp;L)</translation>
    </message>
    <message>
        <source>Fiscal &amp;years</source>
        <translation>年度の表記(&amp;Y)</translation>
    </message>
    <message>
        <source>Western calendar (FY2005)</source>
        <translation>西暦(2005年度)</translation>
    </message>
    <message>
        <source>Japanese era (Heisei 17)</source>
        <translation>和暦(平成17年度)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>メイン</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>検索</translation>
    </message>
    <message>
        <source>Fields, projects, organisations and places</source>
        <translation>分野、プロジェクト、参加機関、地名</translation>
    </message>
    <message>
        <source>Cluster Explorer</source>
        <translation>Cluster Explorer</translation>
    </message>
    <message>
        <source>Cluster Explorer — {name}</source>
        <translation>Cluster Explorer — {name}</translation>
    </message>
    <message>
        <source>Opening {name}…</source>
        <translation>{name} を開いています…</translation>
    </message>
    <message>
        <source>Opening the bundled dataset…</source>
        <translation>同梱のデータセットを開いています…</translation>
    </message>
    <message>
        <source>About this dataset</source>
        <translation>このデータセットについて</translation>
    </message>
    <message>
        <source>Open a cluster dataset</source>
        <translation>クラスターのデータセットを開く</translation>
    </message>
    <message>
        <source>The bundled dataset</source>
        <translation>同梱のデータセット</translation>
    </message>
    <message>
        <source>The current dataset stays open.</source>
        <translation>現在のデータセットを引き続き表示します。</translation>
    </message>
    <message>
        <source>The bundled dataset opens instead.</source>
        <translation>代わりに同梱のデータセットを開きます。</translation>
    </message>
    <message numerus="yes">
        <source>{name} does not follow the dataset schema ({count} problem(s)). {instead}</source>
        <translation>
            <numerusform>{name} はデータセットのスキーマに沿っていません(問題 {count}件)。{instead}</numerusform>
        </translation>
    </message>
    <message>
        <source>{name} could not be opened. {instead}</source>
        <translation>{name} を開けませんでした。{instead}</translation>
    </message>
    <message>
        <source>Dataset not opened</source>
        <translation>データセットを開けませんでした</translation>
    </message>
    <message>
        <source>Whole country</source>
        <translation>全国</translation>
    </message>
    <message numerus="yes">
        <source>{shown} of %n project(s)</source>
        <translation>
            <numerusform>プロジェクト %n件中 {shown}件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n field(s)</source>
        <translation>
            <numerusform>%n分野</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n program(s)</source>
        <translation>
            <numerusform>%n事業</numerusform>
        </translation>
    </message>
    <message>
        <source>All years</source>
        <translation>全年度</translation>
    </message>
    <message numerus="yes">
        <source>%n tie-up(s) shown</source>
        <translation>
            <numerusform>海外連携 %n件を表示</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{shown} of %n tie-up(s) shown</source>
        <comment>status bar, a bureau or project selected</comment>
        <translation>
            <numerusform>海外連携 %n件中 {shown}件を表示</numerusform>
        </translation>
    </message>
    <message>
        <source>… and {count} more lines</source>
        <translation>… ほか {count}行</translation>
    </message>
</context>
<context>
    <name>ManageViewsDialog</name>
    <message>
        <source>Saved views</source>
        <translation>保存した表示</translation>
    </message>
    <message>
        <source>&amp;Rename…</source>
        <translation>名前を変更(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>削除(&amp;D)</translation>
    </message>
    <message>
        <source>Rename view</source>
        <translation>表示の名前の変更</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>新しい名前：</translation>
    </message>
    <message>
        <source>Not renamed</source>
        <translation>名前を変更できませんでした</translation>
    </message>
    <message>
        <source>A view needs a name that no other saved view has.</source>
        <translation>他の保存した表示と重ならない名前を付けてください。</translation>
    </message>
</context>
<context>
    <name>MapPage</name>
    <message>
        <source>Fields</source>
        <translation>分野</translation>
    </message>
    <message>
        <source>Projects shown: {count}</source>
        <translation>表示中のプロジェクト：{count}件</translation>
    </message>
    <message>
        <source>Companies: {count}</source>
        <translation>企業数：{count}</translation>
    </message>
    <message>
        <source>Universities: {count}</source>
        <translation>大学数：{count}</translation>
    </message>
    <message>
        <source>Places: © OpenStreetMap contributors (ODbL), GeoNames (CC BY 4.0)</source>
        <translation>地名：© OpenStreetMap contributors（ODbL）、GeoNames（CC BY 4.0）</translation>
    </message>
    <message>
        <source>Hide the legend</source>
        <translation>凡例を隠す</translation>
    </message>
    <message>
        <source>Show the legend</source>
        <translation>凡例を表示</translation>
    </message>
    <message>
        <source>Imported organisations</source>
        <translation>取り込んだ参加機関</translation>
    </message>
    <message>
        <source>Companies</source>
        <translation>企業</translation>
    </message>
    <message>
        <source>Universities</source>
        <translation>大学</translation>
    </message>
    <message>
        <source>Research institutes</source>
        <translation>研究機関</translation>
    </message>
    <message>
        <source>Other organisations</source>
        <translation>その他の機関</translation>
    </message>
</context>
<context>
    <name>MapView</name>
    <message numerus="yes">
        <source>{place} — %n project(s)</source>
        <comment>map, read aloud</comment>
        <translation>
            <numerusform>{place} — プロジェクト %n件</numerusform>
        </translation>
    </message>
    <message>
        <source>Map</source>
        <translation>地図</translation>
    </message>
</context>
<context>
    <name>OpenDatabase</name>
    <message>
        <source>the bundled dataset</source>
        <translation>同梱のデータセット</translation>
    </message>
    <message>
        <source>Open &amp;database…</source>
        <translation>データベースを開く(&amp;D)…</translation>
    </message>
    <message>
        <source>Read from the database {location}; saving its offline copy…</source>
        <translation>データベース {location} から読み込みました。オフライン用のコピーを保存しています…</translation>
    </message>
    <message>
        <source>Read from the database {location}; its offline copy is up to date.</source>
        <translation>データベース {location} から読み込みました。オフライン用のコピーも最新です。</translation>
    </message>
    <message>
        <source>Offline copy</source>
        <translation>オフライン用のコピー</translation>
    </message>
    <message>
        <source>Read from the database {location}, but its offline copy could not be saved ({reason}); the copy saved before stays.</source>
        <translation>データベース {location} から読み込みましたが、オフライン用のコピーを保存できませんでした ({reason})。以前に保存したコピーはそのまま残ります。</translation>
    </message>
    <message>
        <source>Cannot reach the database {location} ({reason}). Showing its offline copy from 1 day ago.</source>
        <translation>データベース {location} に接続できません（{reason}）。1日前に保存したオフライン用のコピーを表示しています。</translation>
    </message>
    <message>
        <source>Cannot reach the database {location} ({reason}). Showing its offline copy from {count} days ago.</source>
        <translation>データベース {location} に接続できません（{reason}）。{count}日前に保存したオフライン用のコピーを表示しています。</translation>
    </message>
    <message>
        <source>Cannot reach the database {location} ({reason}). Showing its offline copy from 1 hour ago.</source>
        <translation>データベース {location} に接続できません（{reason}）。1時間前に保存したオフライン用のコピーを表示しています。</translation>
    </message>
    <message>
        <source>Cannot reach the database {location} ({reason}). Showing its offline copy from {count} hours ago.</source>
        <translation>データベース {location} に接続できません（{reason}）。{count}時間前に保存したオフライン用のコピーを表示しています。</translation>
    </message>
    <message>
        <source>Cannot reach the database {location} ({reason}). Showing its offline copy from 1 minute ago.</source>
        <translation>データベース {location} に接続できません（{reason}）。1分前に保存したオフライン用のコピーを表示しています。</translation>
    </message>
    <message>
        <source>Cannot reach the database {location} ({reason}). Showing its offline copy from {count} minutes ago.</source>
        <translation>データベース {location} に接続できません（{reason}）。{count}分前に保存したオフライン用のコピーを表示しています。</translation>
    </message>
    <message>
        <source>Cannot reach the database {location} ({reason}). Showing its offline copy from less than a minute ago.</source>
        <translation>データベース {location} に接続できません（{reason}）。1分以内に保存したオフライン用のコピーを表示しています。</translation>
    </message>
</context>
<context>
    <name>OpenDatabaseDialog</name>
    <message>
        <source>Open database</source>
        <translation>データベースを開く</translation>
    </message>
    <message>
        <source>postgresql://user@host/database or service=NAME</source>
        <translation>postgresql://ユーザー@ホスト/データベース 又は service=名前</translation>
    </message>
    <message>
        <source>The password comes from ~/.pgpass, PGPASSWORD or the service file. A password typed here is used once and never saved.</source>
        <translation>パスワードは ~/.pgpass、PGPASSWORD 又はサービスファイルから読み込みます。ここに入力したパスワードは一度だけ使い、保存しません。</translation>
    </message>
    <message>
        <source>&amp;Connection:</source>
        <translation>接続先(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Schema:</source>
        <translation>スキーマ(&amp;S)：</translation>
    </message>
</context>
<context>
    <name>OrganisationLayerAction</name>
    <message numerus="yes">
        <source>Imported &amp;organisations (%n organisation(s))</source>
        <translation>
            <numerusform>取り込んだ参加機関（%n件）(&amp;O)</numerusform>
        </translation>
    </message>
    <message>
        <source>Imported &amp;organisations (none in this dataset)</source>
        <translation>取り込んだ参加機関（このデータセットにはありません）(&amp;O)</translation>
    </message>
    <message>
        <source>Show the organisations imported from a list on the map</source>
        <translation>一覧から取り込んだ参加機関を地図に表示します</translation>
    </message>
</context>
<context>
    <name>OrganisationsModel</name>
    <message>
        <source>Corporate number</source>
        <translation>法人番号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>法人種別</translation>
    </message>
    <message>
        <source>Prefecture</source>
        <translation>都道府県</translation>
    </message>
    <message>
        <source>Municipality</source>
        <translation>市区町村</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>所在地</translation>
    </message>
</context>
<context>
    <name>OrganisationsPanel</name>
    <message>
        <source>Organisations on the server</source>
        <translation>サーバー上の法人</translation>
    </message>
</context>
<context>
    <name>Panels</name>
    <message>
        <source>Achievements</source>
        <translation>成果</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>グラフ</translation>
    </message>
    <message>
        <source>Compare regions</source>
        <translation>地域の比較</translation>
    </message>
    <message>
        <source>Filters</source>
        <translation>絞り込み</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>参加機関</translation>
    </message>
    <message>
        <source>Regions</source>
        <translation>地域</translation>
    </message>
    <message>
        <source>Tie-ups</source>
        <translation>海外連携</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>年度別推移</translation>
    </message>
</context>
<context>
    <name>ParticipantTreeModel</name>
    <message>
        <source>Participant</source>
        <translation>参加者</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>数</translation>
    </message>
</context>
<context>
    <name>ParticipantsPanel</name>
    <message numerus="yes">
        <source>{named} in %n project(s) — {scope}</source>
        <translation>
            <numerusform>{named}(プロジェクト %n件) — {scope}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n named organisation(s)</source>
        <translation>
            <numerusform>名称の判明している参加機関 %n機関</numerusform>
        </translation>
    </message>
    <message>
        <source>Region: {bureau}</source>
        <translation>地域：{bureau}</translation>
    </message>
    <message>
        <source>{name} · {kind}</source>
        <translation>{name}・{kind}</translation>
    </message>
    <message>
        <source>{kind} · {when}</source>
        <translation>{kind}・{when}</translation>
    </message>
    <message>
        <source>{kind}: {figure}</source>
        <translation>{kind}：{figure}</translation>
    </message>
    <message>
        <source>As of: {as_of}</source>
        <translation>時点：{as_of}</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>プロジェクト</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種別</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Name (Japanese)</source>
        <translation>名称（日本語）</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>数</translation>
    </message>
    <message>
        <source>Qualifier</source>
        <translation>数の注記</translation>
    </message>
    <message>
        <source>As of</source>
        <translation>時点</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>役割</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>備考</translation>
    </message>
</context>
<context>
    <name>ProgramStrip</name>
    <message>
        <source>until {end} (start not stated)</source>
        <translation>{end}まで(開始年度は出典に記載なし)</translation>
    </message>
    <message>
        <source>from {start} (end not stated)</source>
        <translation>{start}から(終了年度は出典に記載なし)</translation>
    </message>
    <message>
        <source>{start} to {end}</source>
        <translation>{start}～{end}</translation>
    </message>
</context>
<context>
    <name>RegionList</name>
    <message>
        <source>Whole country</source>
        <translation>全国</translation>
    </message>
    <message numerus="yes">
        <source>Whole country — %n project(s)</source>
        <translation>
            <numerusform>全国 — プロジェクト %n件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{name} — {projects}, %n tie-up(s)</source>
        <translation>
            <numerusform>{name} — {projects}、海外連携 %n件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n project(s)</source>
        <translation>
            <numerusform>プロジェクト %n件</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Report</name>
    <message>
        <source>… and {count} more</source>
        <translation>… ほか {count}件</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>about {figure}</source>
        <translation>約{figure}</translation>
    </message>
    <message>
        <source>{none} no counts reported</source>
        <translation>{none} 数値の報告なし</translation>
    </message>
    <message>
        <source>{bureau} — Industrial clusters</source>
        <translation>{bureau}地域の産業クラスター</translation>
    </message>
    <message>
        <source>Key figures</source>
        <translation>主な数値</translation>
    </message>
    <message>
        <source>Projects: {projects} · Companies: {companies} · Universities: {universities} · Tie-ups: {tieups} · Achievements: {achievements}</source>
        <translation>プロジェクト数：{projects}・企業数：{companies}・大学数：{universities}・海外連携：{tieups}・成果：{achievements}</translation>
    </message>
    <message>
        <source>{kind} {count}</source>
        <translation>{kind} {count}</translation>
    </message>
    <message>
        <source>Participants named: {kinds}</source>
        <translation>名称の判明している参加機関：{kinds}</translation>
    </message>
    <message>
        <source>Projects</source>
        <translation>プロジェクト</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>分野</translation>
    </message>
    <message>
        <source>Companies</source>
        <translation>企業数</translation>
    </message>
    <message>
        <source>Universities</source>
        <translation>大学数</translation>
    </message>
    <message>
        <source>Tie-ups</source>
        <translation>海外連携</translation>
    </message>
    <message>
        <source>{partner} ({country})</source>
        <translation>{partner}（{country}）</translation>
    </message>
    <message>
        <source>Achievements</source>
        <translation>成果</translation>
    </message>
    <message>
        <source>Sources:</source>
        <translation>出典：</translation>
    </message>
    <message>
        <source>National list: {count} organisations in its prefectures, counted by the server</source>
        <translation>全国の法人一覧: 管内の府県に {count} 法人（サーバーで集計）</translation>
    </message>
    <message>
        <source>{achievement} ({period})</source>
        <translation>{achievement}（{period}）</translation>
    </message>
</context>
<context>
    <name>ResultPanel</name>
    <message>
        <source>Whole country</source>
        <translation>全国</translation>
    </message>
</context>
<context>
    <name>SavedViews</name>
    <message>
        <source>Saved &amp;views</source>
        <translation>保存した表示(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Save current view…</source>
        <translation>現在の表示を保存(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Manage…</source>
        <translation>管理(&amp;M)…</translation>
    </message>
    <message>
        <source>S&amp;hare view…</source>
        <translation>表示を共有(&amp;H)…</translation>
    </message>
    <message>
        <source>&amp;Open shared view…</source>
        <translation>共有された表示を開く(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Export all saved views as one deck…</source>
        <translation>保存した表示をすべて1つのプレゼンテーションに出力(&amp;E)…</translation>
    </message>
    <message>
        <source>Save current view</source>
        <translation>現在の表示の保存</translation>
    </message>
    <message>
        <source>Name of the view:</source>
        <translation>表示の名前：</translation>
    </message>
    <message>
        <source>Share view</source>
        <translation>表示の共有</translation>
    </message>
    <message>
        <source>View to share:</source>
        <translation>共有する表示：</translation>
    </message>
    <message>
        <source>Cluster Explorer view (*.cevview)</source>
        <translation>Cluster Explorer の表示 (*.cevview)</translation>
    </message>
    <message>
        <source>View not shared</source>
        <translation>表示を共有できませんでした</translation>
    </message>
    <message>
        <source>Open shared view</source>
        <translation>共有された表示を開く</translation>
    </message>
    <message>
        <source>Cluster Explorer view (*.cevview);;All files (*)</source>
        <translation>Cluster Explorer の表示 (*.cevview);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>View not opened</source>
        <translation>表示を開けませんでした</translation>
    </message>
    <message>
        <source>{path} could not be opened: {reason}</source>
        <translation>{path} を開けませんでした：{reason}</translation>
    </message>
    <message>
        <source>This dataset has no {ids}, so the view “{name}” opened without them.</source>
        <translation>このデータセットには {ids} がないため、表示「{name}」はこれらを除いて開きました。</translation>
    </message>
    <message numerus="yes">
        <source>(%n other(s) not shown.)</source>
        <translation>
            <numerusform>（ほか %n件は省略）</numerusform>
        </translation>
    </message>
    <message>
        <source>Shared view opened in part</source>
        <translation>共有された表示の一部のみを開きました</translation>
    </message>
    <message>
        <source>Export all saved views</source>
        <translation>保存した表示をすべて出力</translation>
    </message>
    <message>
        <source>Deck not exported</source>
        <translation>スライドを出力できませんでした</translation>
    </message>
</context>
<context>
    <name>SearchBox</name>
    <message>
        <source>Project</source>
        <translation>プロジェクト</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>参加機関</translation>
    </message>
    <message>
        <source>Partner</source>
        <translation>海外の連携先</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>地域</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>分野</translation>
    </message>
    <message>
        <source>Program</source>
        <translation>事業</translation>
    </message>
    <message>
        <source>Prefecture</source>
        <translation>都道府県</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>国・地域</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地名</translation>
    </message>
    <message>
        <source>{name}  ·  {kind} — {detail}</source>
        <translation>{name}  ・  {kind} — {detail}</translation>
    </message>
    <message>
        <source>{name}  ·  {kind}</source>
        <translation>{name}  ・  {kind}</translation>
    </message>
    <message>
        <source>Search fields, projects, organisations, places…  (Ctrl+F)</source>
        <translation>分野、プロジェクト、参加機関、地名などを検索…  (Ctrl+F)</translation>
    </message>
    <message>
        <source>Indexing names…</source>
        <translation>名前の索引を作成中…</translation>
    </message>
</context>
<context>
    <name>ServerSide</name>
    <message>
        <source>Server-side mode: the server did not answer ({why})</source>
        <translation>サーバー側モード：サーバーから応答がありません（{why}）</translation>
    </message>
    <message>
        <source>the offline copy could not keep the organisations</source>
        <translation>オフラインコピーに法人を保存できませんでした</translation>
    </message>
    <message>
        <source>the offline copy keeps the counts per prefecture and {bureau}&apos;s {count} organisations</source>
        <translation>オフラインコピーには都道府県別の件数と{bureau}の法人{count}件を保存しています</translation>
    </message>
    <message>
        <source>the offline copy keeps the counts per prefecture (choose a bureau to keep its organisations too)</source>
        <translation>オフラインコピーには都道府県別の件数を保存しています（局を選ぶとその法人も保存します）</translation>
    </message>
    <message>
        <source>Organisations</source>
        <translation>法人</translation>
    </message>
    <message>
        <source>Server-side mode: {count} organisations stay on the server; the window asks it for the rows it shows</source>
        <translation>サーバー側モード：{count}件の法人はサーバー上にあり、表示する行だけをサーバーに問い合わせます</translation>
    </message>
    <message>
        <source>Offline copy of {date}: the {count} organisations counted per prefecture; their rows are on the server</source>
        <translation>{date}のオフラインコピー：法人{count}件の都道府県別件数。各法人の行はサーバー上にあります</translation>
    </message>
    <message>
        <source>Offline copy of {date}: the {count} organisations counted per prefecture, and {bureau}&apos;s rows; the other rows are on the server</source>
        <translation>{date}のオフラインコピー：法人{count}件の都道府県別件数と{bureau}の法人の行。その他の行はサーバー上にあります</translation>
    </message>
    <message>
        <source>{count} organisations in the whole country, as the offline copy counted them; their rows are on the server</source>
        <translation>全国の法人 {count}件（オフラインコピー保存時の件数。各法人の行はサーバー上にあります）</translation>
    </message>
    <message>
        <source>{count} organisations in the prefectures of {bureau}, as the offline copy counted them; their rows are on the server</source>
        <translation>{bureau}管内の都府県の法人 {count}件（オフラインコピー保存時の件数。各法人の行はサーバー上にあります）</translation>
    </message>
    <message>
        <source>{count} organisations in the prefectures of {bureau}, from the offline copy</source>
        <translation>{bureau}管内の都府県の法人 {count}件（オフラインコピーから）</translation>
    </message>
    <message>
        <source>{count} organisations in the whole country, counted by the server</source>
        <translation>全国の法人 {count}件（サーバーで集計）</translation>
    </message>
    <message>
        <source>{count} organisations in the prefectures of {bureau}, counted by the server</source>
        <translation>{bureau}管内の都府県の法人 {count}件（サーバーで集計）</translation>
    </message>
</context>
<context>
    <name>Sources</name>
    <message>
        <source>Source: not given</source>
        <translation>出典: 記載なし</translation>
    </message>
    <message>
        <source>Source: {source}</source>
        <translation>出典: {source}</translation>
    </message>
    <message>
        <source>Source: {source}, {lines}</source>
        <translation>出典: {source}、{lines}</translation>
    </message>
    <message>
        <source>line {lines}</source>
        <translation>{lines}行目</translation>
    </message>
    <message>
        <source>lines {lines}</source>
        <translation>{lines}行目</translation>
    </message>
</context>
<context>
    <name>TableActions</name>
    <message>
        <source>Copy</source>
        <translation>コピー</translation>
    </message>
    <message>
        <source>Save table as…</source>
        <translation>表を保存…</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <source>Save the listed rows, with their sources, as an Excel workbook or a CSV file</source>
        <translation>一覧の行を出典とともに Excel ブック又は CSV ファイルとして保存します</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel ブック (*.xlsx)</translation>
    </message>
    <message>
        <source>CSV, UTF-8 for Excel (*.csv)</source>
        <translation>CSV、Excel 用 UTF-8 (*.csv)</translation>
    </message>
    <message>
        <source>Save table</source>
        <translation>表の保存</translation>
    </message>
    <message>
        <source>{path}: {reason}</source>
        <translation>{path}：{reason}</translation>
    </message>
    <message>
        <source>Table not saved</source>
        <translation>表を保存できませんでした</translation>
    </message>
</context>
<context>
    <name>TablePanel</name>
    <message>
        <source>Source</source>
        <translation>出典</translation>
    </message>
    <message>
        <source>Source title</source>
        <translation>出典の名称</translation>
    </message>
    <message>
        <source>Source lines</source>
        <translation>出典の該当行</translation>
    </message>
</context>
<context>
    <name>TieupsPanel</name>
    <message>
        <source>Partner</source>
        <translation>連携先</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>プロジェクト</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>所在地</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>国・地域</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>分野</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種別</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Field: {label} [{field}]</source>
        <translation>分野: {label} [{field}]</translation>
    </message>
    <message>
        <source>Field: {field}</source>
        <translation>分野：{field}</translation>
    </message>
    <message>
        <source>Kind: {kind}</source>
        <translation>種別: {kind}</translation>
    </message>
    <message>
        <source>Located: {note}</source>
        <translation>所在地の根拠: {note}</translation>
    </message>
    <message numerus="yes">
        <source>{tieups} with %n country(s) — {scope}</source>
        <translation>
            <numerusform>{tieups}({scope}、%nか国・地域)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n tie-up(s)</source>
        <translation>
            <numerusform>海外連携 %n件</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TimelinePanel</name>
    <message>
        <source>All years</source>
        <translation>全年度</translation>
    </message>
    <message>
        <source>Previous fiscal year</source>
        <translation>前年度</translation>
    </message>
    <message>
        <source>Next fiscal year</source>
        <translation>翌年度</translation>
    </message>
    <message>
        <source>Fiscal year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>一時停止</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>再生</translation>
    </message>
    <message>
        <source>Program periods</source>
        <translation>事業の期間</translation>
    </message>
    <message>
        <source>Show or hide the periods of the programs</source>
        <translation>事業の期間を表示・非表示</translation>
    </message>
    <message numerus="yes">
        <source>All years: %n project(s)</source>
        <translation>
            <numerusform>全年度: プロジェクト %n件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{year}: %n project(s)</source>
        <translation>
            <numerusform>{year}：プロジェクト %n件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n project(s) with years not stated: never placed on a year, shown only under All years</source>
        <translation>
            <numerusform>実施年度の記載がないプロジェクト %n件: 特定の年度には表示せず、「全年度」でのみ表示します</numerusform>
        </translation>
    </message>
    <message>
        <source>0 projects with years not stated: none</source>
        <translation>実施年度の記載がないプロジェクト: なし</translation>
    </message>
</context>
<context>
    <name>WindowExporter</name>
    <message>
        <source>&amp;Export map…</source>
        <translation>地図を出力(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Copy map</source>
        <translation>地図をコピー(&amp;C)</translation>
    </message>
    <message>
        <source>Export &amp;charts to PowerPoint…</source>
        <translation>グラフを PowerPoint に出力(&amp;H)…</translation>
    </message>
    <message>
        <source>Export region &amp;report (PDF)…</source>
        <translation>地域別報告書を出力(&amp;R)(PDF)…</translation>
    </message>
    <message>
        <source>Export map</source>
        <translation>地図の出力</translation>
    </message>
    <message>
        <source>Export charts to PowerPoint</source>
        <translation>グラフの PowerPoint への出力</translation>
    </message>
    <message>
        <source>PowerPoint charts (*.pptx)</source>
        <translation>PowerPoint のグラフ (*.pptx)</translation>
    </message>
    <message>
        <source>Select a region first: the report is one page about one bureau.</source>
        <translation>先に地域を選択してください。報告書は1つの経済産業局について1ページで作成します。</translation>
    </message>
    <message>
        <source>Export region report</source>
        <translation>地域別報告書の出力</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Replace file?</source>
        <translation>ファイルを置き換えますか?</translation>
    </message>
    <message>
        <source>“{name}” already exists in “{folder}”. Do you want to replace it?</source>
        <translation>「{folder}」に「{name}」が既にあります。置き換えますか?</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>出力できませんでした</translation>
    </message>
</context>
</TS>
