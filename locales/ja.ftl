# aws-shim のメッセージ (日本語)
# ここにあるメッセージは、ほかの locales/*.ftl にも同じ変数で必ず存在します。

## 説明ブロックの見出し

label-why = 原因
label-next = 対処方法
label-more = 詳細
label-expired-at = { $time } に有効期限が切れました ({ $ago }前)。
label-cloud9-overdue = { $time } に予定されていた ~/.aws/credentials の更新が行われていません ({ $ago }経過)。環境のオーナーが IDE を開いていないと考えられます。
label-file-cut = 注意: { $file } は { $limit } を超えているため、aws-shim は先頭の { $limit } だけを読み込みました。それより後にあるプロファイルについての説明は正しくない可能性があります。

## 何が起きたか (メッセージ本体) と、その原因 (.why)

cloud9-expired = この AWS Cloud9 環境の AWS マネージド一時認証情報の有効期限が切れています。
    .why = Cloud9 から AWS を操作するときは、IAM ユーザーの権限に加えて、環境の AWS マネージド一時認証情報でも許可されている必要があります。Cloud9 がこの認証情報を 5 分ごとに更新するのは、環境のオーナーが IDE を開いている間だけです。オーナーが IDE を閉じるとまもなく (現在の AWS ドキュメントでは 15 分後に) 失効し、IAM ユーザーにどれだけ権限があっても操作は拒否されます。
cloud9-edited = ~/.aws/credentials が Cloud9 に更新されなくなったため、一時的な認証情報の有効期限が切れています。
    .why = Cloud9 は管理している認証情報ファイルの先頭にヘッダーを書き込んでおり、ファイルが (aws configure の実行などで) 編集されると、以後は更新しません。ファイルに残ったキーは期限が切れたまま置き換わりません。
cloud9-invalid = この AWS Cloud9 環境の AWS マネージド一時認証情報のトークンが AWS に拒否されました。
    .why = AWS マネージド一時認証情報では、IAM ユーザーに権限があっても実行できない操作があります (IAM の大半の操作、sts:AssumeRole、Cloud9 自体の大半の操作など)。これらは InvalidClientTokenId で失敗するため、キーが壊れているように見えますが、そうではありません。環境のオーナーが接続していないために、AWS マネージド一時認証情報が失効している可能性もあります。
cloud9-missing = この AWS Cloud9 環境には AWS マネージド一時認証情報がありません。
    .why = AWS マネージド一時認証情報がオフにされた場合や、オーナー以外のユーザーがメンバーを追加した場合、Cloud9 は認証情報ファイルを削除します。プライベートサブネット内の環境や SSH 環境では、もともと利用できません。
expired = 使用中の一時的な認証情報の有効期限が切れています。
    .why = 一時的な認証情報 (SSO のセッション、引き受けたロール、環境変数に設定したキーなど) にはセッショントークンが含まれ、決まった時刻に失効します。新しい認証情報を取得するまで、AWS はこの認証情報で署名されたリクエストをすべて拒否します。
sso-expired = プロファイル { $profile } の IAM Identity Center (SSO) セッションの有効期限が切れています。
    .why = CLI はキャッシュされた SSO トークンを使ってロールの認証情報を取得します。このトークンの期限が切れていて更新もできなかったため、サインインし直すまで CLI は認証情報を取得できません。
sso-token-missing = このマシンには、プロファイル { $profile } の IAM Identity Center (SSO) のサインイン情報がありません。
    .why = このプロファイルは SSO を使う設定ですが、セッションのトークンがキャッシュに見つかりませんでした。このマシンでまだサインインしていないか、キャッシュが削除されたと考えられます。
login-expired = `aws login` のセッションの有効期限が切れています。
    .why = CLI はコンソールの認証情報でサインインしていましたが、そのセッションが終了しました。
exported-expired = このシェルの環境変数に設定された一時的な認証情報の有効期限が切れています。
    .why = 環境変数 AWS_ACCESS_KEY_ID、AWS_SECRET_ACCESS_KEY、AWS_SESSION_TOKEN が設定されていると、CLI は設定ファイルや認証情報ファイルのプロファイルよりもこれらを優先します (これより優先されるのは、コマンドラインの --profile だけです)。このセッションはすでに終了していますが、環境変数の値は自動では更新されません。
refreshed-still-expired = CLI が新しく取得した認証情報は、取得した時点ですでに期限切れでした。
    .why = CLI は認証情報を取得し直しましたが、その認証情報も期限が切れていました。このシェルで設定した AWS_CREDENTIAL_EXPIRATION など (またはセッション) が過去の時刻になっていると考えられます。
assume-role-expired = プロファイル { $profile } で引き受けたロールのセッションの有効期限が切れています。
    .why = CLI はロールの一時的な認証情報をキャッシュして期限が切れるまで再利用し、切れると自動でロールを引き受け直します。今回それができなかったのは、ユーザーの操作が必要だったためです。ロールに MFA コードが必要で、CLI はコマンドの開始時にしか MFA コードを求めないためと考えられます。
file-session-expired = プロファイル { $profile } に保存された一時的な認証情報の有効期限が切れています。
    .why = このプロファイルには、認証情報ファイルにコピーされた一時的な認証情報 (ASIA で始まるアクセスキーとセッショントークン) が入っています。コピーした認証情報は自動では更新されません。
process-expired = credential_process が返した認証情報の有効期限が切れています。
    .why = このプロファイルは外部コマンドで認証情報を取得しますが、そのコマンドが期限切れの認証情報を返しました。
credential-process-failed = このプロファイルの credential_process のコマンドが失敗しました: { $detail }
    .why = CLI は外部コマンドを実行して認証情報を取得しますが、そのコマンドがエラーを返したため処理を中止しました。
mfa-required = コマンドの実行中にプロファイル { $profile } のロールのセッションが期限切れになりました。新しいセッションには MFA コードが必要です。
    .why = CLI が MFA コードを求めるのはコマンドの開始時だけです。長時間かかるコマンド (大きな s3 sync など) の途中でロールのセッションが切れると、更新には新しい MFA コードが必要なため、CLI は自分ではセッションを更新できず、処理を中止します。
invalid-key = 使用中のアクセスキーまたはセッショントークンが AWS に認識されませんでした。
    .why = キーが削除または無効化されたか、入力を間違えたか、別のセッションのセッショントークンと組み合わせていることが考えられます。長期的なアクセスキー (AKIA...) に有効期限はありませんが、一時的な認証情報のアクセスキー (ASIA...) には対応するセッショントークンが必要です。
invalid-token = 使用中のセッショントークンが壊れているか、無効になっています。
    .why = リクエストに付けたトークンが (コピー時に途中で切れるなどして) 壊れているか、すでに無効です。
no-credentials = AWS CLI がプロファイル { $profile } の認証情報を見つけられませんでした。
    .why = 環境変数、設定ファイルと認証情報ファイル、コンテナのエンドポイント、インスタンスメタデータを順に探しましたが、リクエストの署名に使える認証情報がありませんでした。
no-credentials-tool = { $tool } がプロファイル { $profile } の AWS 認証情報を見つけられませんでした。
    .why = AWS の SDK やツールは AWS CLI と同じ場所 (環境変数、設定ファイルと認証情報ファイル、コンテナのエンドポイント、インスタンスメタデータ) を探します。そのどこにも、リクエストの署名に使える認証情報がありませんでした。
signature-mismatch = このリクエストの署名が、AWS 側で計算した署名と一致しませんでした。
    .why = CLI はすべてのリクエストにシークレットアクセスキーで署名します。署名が一致しない原因として多いのは、使用中のアクセスキー ID とシークレットアクセスキーが対応していないことです。入力ミスや、キーのローテーション前の古い値、ID とシークレットを別々の場所 (環境変数とファイルなど) から読み込んでいることが考えられます。まれに、プロキシがリクエストを書き換えている場合もあります。
login-password-changed = パスワードが変更されたため、`aws login` のセッションが終了しました。
    .why = パスワードを変更すると、古いパスワードでサインインしていたセッションは終了します。新しいパスワードでサインインし直すまで、CLI は認証情報を更新できません。
login-permission = このユーザーには `aws login` で認証情報を取得する権限がありません。
    .why = `aws login` は signin:CreateOAuth2Token アクションで認証情報を取得しますが、IAM ユーザーまたはロールに適用されているポリシーのどれもこのアクションを許可していません。
login-session-missing = このマシンには、プロファイル { $profile } の `aws login` セッションがありません。
    .why = プロファイルは `aws login` を使う設定ですが、保存されたセッションが見つかりませんでした。このマシンでまだサインインしていないか、サインアウトしたか、キャッシュが削除されたと考えられます。
sso-login-timeout = IAM Identity Center (SSO) へのサインインが時間内に完了しませんでした。
    .why = `aws sso login` は、ブラウザでリクエストが承認されるのを待ちます。リクエストの有効期間は数分しかなく、今回は承認される前に期限が切れました。
clock-skew = このマシンの時刻がずれているため、AWS がリクエストを拒否しました。
    .why = リクエストには現在時刻を含む署名が付きます。AWS の時刻と数分以上ずれた署名は受け付けられません。認証情報自体には問題がない可能性があります。

## 対処方法

step-cloud9-ask-owner = この環境に招待されたメンバーの場合は、環境のオーナーに AWS Cloud9 コンソールから環境を開いてもらってください。オーナーご本人の場合は、IDE のブラウザタブを再読み込みしてください。
step-cloud9-lasting = オーナーがいなくても使えるようにするには、オーナーが Preferences > AWS Settings > Credentials で「AWS managed temporary credentials」をオフにし、インスタンスプロファイル (EC2 インスタンスにアタッチした IAM ロール) か各メンバー自身の認証情報を使うように切り替えます。
step-cloud9-blocked-action = IAM の管理、ロールの引き受け (sts:AssumeRole)、Cloud9 自体の管理を行うコマンドは、AWS マネージド一時認証情報では実行できません。インスタンスプロファイルかご自身の認証情報で実行してください。
step-cloud9-restore-file = 編集されたファイルを退避してください (mv ~/.aws/credentials ~/.aws/credentials.bak)。オーナーが IDE を開いている間に、Cloud9 が新しいファイルを作成します。
step-cloud9-enable = 環境のオーナーに、Preferences > AWS Settings > Credentials で「AWS managed temporary credentials」をオンに戻してもらってください。
step-cloud9-own-credentials = または、AWS マネージド一時認証情報を使わずに済ませることもできます。オーナーが環境の EC2 インスタンスにインスタンスプロファイル (IAM ロール) をアタッチするか、ご自身の認証情報を設定してください: aws configure
step-sso-login = もう一度サインインしてください: { $command }
step-aws-login = もう一度サインインしてください: { $command }
step-export-refresh = 新しい一時的な認証情報を取得して、環境変数に設定し直してください (今の認証情報を発行したツールやポータルから取得できます)。
step-export-unset = プロファイルを使う場合は、このシェルから環境変数を削除してください: unset { $vars }
step-rerun-mfa = プロファイル { $profile } が MFA 付きでロールを引き受ける設定の場合は、コマンドをもう一度実行し、表示されたら新しい MFA コードを入力してください。
step-rerun-role = コマンドをもう一度実行してください。CLI がプロファイル { $profile } のロールを引き受け直します。
step-new-mfa-code = コマンドをもう一度実行してください。CLI がプロファイル { $profile } のロールを引き受け直し、{ $serial } の新しい MFA コードの入力を求めます。
step-remove-cache = 期限切れのキャッシュを削除すると、CLI が新しいセッションを開始します: rm { $file }
step-file-session-refresh = プロファイル { $profile } の新しい一時的な認証情報を取得し、認証情報ファイルの 3 つの値 (アクセスキー、シークレットアクセスキー、セッショントークン) をすべて置き換えてください。
step-process-run = コマンドを直接実行して、出力全体を確認してください: { $command }
step-check-which = CLI がどの認証情報をどこから読み込んでいるか確認してください: { $command }
step-new-keys = キーが削除または無効化されている場合は、IAM コンソールで新しいアクセスキーを作成し (または管理者に依頼し)、設定し直してください。
step-token-refresh = 今の認証情報の取得元から新しい一時的な認証情報を取得し、アクセスキー、シークレットアクセスキー、セッショントークンをまとめて置き換えてください (トークンは途中で切れないように全体をコピーしてください)。
step-clock-check = このマシンの時刻を正しい時刻と比べてください: date -u
step-clock-sync = 時刻同期を有効にしてください (sudo timedatectl set-ntp true)。chrony を使っている場合は、すぐに時刻を合わせられます: sudo chronyc makestep
step-configure-sso = IAM Identity Center (SSO) を使う場合: { $command }
step-configure-keys = アクセスキーを使う場合: { $command }
step-check-profile = 別のプロファイルを使うつもりだった場合は、AWS_PROFILE と --profile オプションを確認してください。
step-mfa-terminal = コマンドをもう一度実行し、求められたら新しい MFA コードを入力してください。長時間の処理では、プロファイルの duration_seconds でセッションを長くできます (ロールの最大セッション時間まで)。
step-sso-login-v1 = AWS CLI v1 は IAM Identity Center に直接サインインできません。AWS CLI v2 でサインインしてください ({ $command })。v2 がキャッシュしたトークンを AWS CLI v1 も使います。または、AWS アクセスポータルから一時的な認証情報をコピーし、このシェルで export してください。
step-sso-login-either = AWS CLI v2 でサインインし直してください: { $command } (AWS CLI v1 には sso login がありませんが、v2 がキャッシュしたトークンを使います)
step-sso-login-again = もう一度実行し、すぐにブラウザでリクエストを承認してください: { $command }
step-aws-login-console = AWS マネジメントコンソールにサインインしている場合は、同じ ID で CLI にもサインインできます: { $command }
step-configure-sso-v2 = IAM Identity Center (SSO) を使う場合 (AWS CLI v2): { $command }
step-login-permission = IAM ユーザーまたはロールに signin:CreateOAuth2Token アクションを許可するよう管理者に依頼し (AWS 管理ポリシー SignInLocalDevelopmentAccess に含まれています)、そのあとでサインインし直してください: { $command }
step-keys-same-source = アクセスキー ID とシークレットアクセスキーを、同じ取得元からもう一度設定してください (シークレットアクセスキーを IAM コンソールで確認できるのは、キーを作成したときだけです): { $command }
step-export-same-source = AWS_ACCESS_KEY_ID と AWS_SECRET_ACCESS_KEY (あれば AWS_SESSION_TOKEN も) を、すべて同じ取得元から export し直してください。

note-unnamed = この環境
note-since = AWS Cloud9 環境 { $env } で { $time } に予定されていた AWS マネージド一時認証情報の更新が行われておらず ({ $ago }経過)、招待されたメンバーの AWS コマンドが ExpiredToken で失敗しています。
note-expired = AWS Cloud9 環境 { $env } の AWS マネージド一時認証情報の有効期限が切れているため、招待されたメンバーの AWS コマンドが ExpiredToken で失敗しています。
note-open = この認証情報は、オーナーが環境を開いている間だけ更新されます。お手数ですが、次の URL から環境を開き、作業中はタブを開いたままにしていただけますか。
note-open-console = この認証情報は、オーナーが環境を開いている間だけ更新されます。お手数ですが、AWS Cloud9 コンソールから環境を開き、作業中はタブを開いたままにしていただけますか。
note-lasting = 恒久的な対策としては、オーナーが Preferences > AWS Settings > Credentials で「AWS managed temporary credentials」をオフにし、環境の EC2 インスタンスにインスタンスプロファイル (IAM ロール) をアタッチする方法があります。
step-cloud9-note = オーナーへの依頼には、次のコマンドが出力する文面をそのまま送れます: aws-shim cloud9 note
step-cloud9-wait = オーナーが環境を開くと、数分以内に Cloud9 が認証情報を更新します。更新を待ってから実行するには: aws-shim wait && (実行したいコマンド)
note-not-needed = プロファイル { $profile } の認証情報は現在使える状態です (認証情報があり、有効期限も切れておらず、失敗の記録もありません)。環境のオーナーに依頼する必要はありません。それでも依頼文を出力するには: aws-shim cloud9 note --force

wait-start = プロファイル { $profile } の認証情報が使えるようになるまで待っています (Ctrl-C で中止)...
wait-status = { $elapsed }待機しています
wait-done = プロファイル { $profile } の認証情報が使えるようになりました。
wait-timeout = 時間内にプロファイル { $profile } の認証情報が使えるようにならなかったため、待機を終了しました。
wait-exported = プロファイル { $profile } の認証情報はこのシェルで export された値のため、待っていても更新されません。新しい値を export し直すか、unset してプロファイルを使ってください。
wait-works = プロファイル { $profile } の認証情報は使える状態です (認証情報があり、有効期限も切れておらず、失敗の記録もありません)。
wait-unknown-profile = プロファイル { $profile } が AWS CLI の config ファイルにも credentials ファイルにも見つからない (またはファイルを読み込めない) ため、待つ対象がありません。プロファイル名を確認してください。aws-shim が見ている設定は次のコマンドで確認できます: aws-shim doctor --profile { $profile }
wait-no-credentials = プロファイル { $profile } の認証情報が見つからないため、待つ対象がありません。認証情報を探している場所は次のコマンドで確認できます: aws-shim doctor --profile { $profile }
wait-gone = プロファイル { $profile } の認証情報が見つからなくなったため (プロファイルや認証情報が削除されたか、ファイルを読み込めなくなりました)、待機を終了しました。
wait-bad-timeout = --timeout に「{ $value }」は指定できません: { $why }
wait-timeout-not-a-duration = 90s、10m、1h30m のような時間か、秒数を指定してください
wait-timeout-negative = 負の時間は指定できません
wait-timeout-too-long = 指定できるのは 1 年 (8784h) までです

hint-switch-to-ja = 日本語で表示するには: export AWS_SHIM_LANG=ja (To keep English and hide this line: export AWS_SHIM_LANG=en)

## 期間

duration-minutes = { $m } 分
duration-hours = { $h } 時間 { $m } 分
duration-days = { $d } 日 { $h } 時間
duration-seconds = { $s } 秒
duration-minutes-seconds = { $m } 分 { $s } 秒
duration-hours-minutes-seconds = { $h } 時間 { $m } 分 { $s } 秒

## Credential context (doctor, remedies by source)

web-identity-expired = プロファイル { $profile } のウェブ ID フェデレーションのセッションの有効期限が切れています。
    .why = CLI はファイル (AWS_WEB_IDENTITY_TOKEN_FILE または web_identity_token_file) にある OIDC トークンをロールの一時的な認証情報と交換し、期限が切れると交換し直します。それでも期限切れになるのは、多くの場合、ファイルのトークン自体が古くなっているためと考えられます。ファイルを書き込む仕組み (EKS や CI ランナーなど) が更新を止めている可能性があります。
step-web-identity-token = トークンファイルを提供している環境が、今もファイルを更新しているか確認してから、コマンドをもう一度実行してください。
container-expired = 使用中のコンテナ認証情報の有効期限が切れています。
    .why = この認証情報はコンテナ認証情報のエンドポイント (AWS_CONTAINER_CREDENTIALS_FULL_URI または RELATIVE_URI。ECS のタスクロールや CloudShell) から取得されており、通常は自動で更新されます。期限切れになっているのは、エンドポイントが更新を止めたか、時刻がずれているためと考えられます。
step-container-renew = CloudShell の場合は、ブラウザタブを再読み込みするかセッションを再起動してください。ECS の場合は、タスクロールを確認し、タスクを再起動してください。
instance-profile-expired = 使用中の一時的な認証情報の有効期限が切れています (このマシンの認証情報は EC2 のインスタンスプロファイルから取得されています)。
    .why = インスタンスプロファイルの認証情報は、期限が切れるよりかなり前に EC2 が自動で更新します。そのため、このマシンの時刻がずれているか、認証情報がインスタンスプロファイル以外から読み込まれていると考えられます。
s3-head-unclear = S3 がリクエストを拒否しましたが、理由は返されませんでした。
    .why = ダウンロードの前に送る HEAD リクエストにはレスポンス本文がないため、CLI には 400 Bad Request や 403 Forbidden といったステータスしか表示できません。一時的な認証情報の期限切れも原因の一つですが、権限不足やリージョンの誤りも考えられます。
step-check-identity = 認証情報がまだ有効か確認してください: { $command }
hint-s3-head-expired = HEAD リクエストでは S3 は理由を返しませんが、プロファイル { $profile } の一時的な認証情報は期限が切れているため、それが原因と考えられます。確認するには: { $command }
hint-s3-head-unknown = HEAD リクエストでは S3 は理由を返しません。プロファイル { $profile } の一時的な認証情報の期限が切れている可能性があります。確認するには: { $command }
doctor-real-aws-not-found = PATH 上に AWS CLI 本体が見つかりません (aws-shim は AWS CLI 本体に処理を渡すだけです)。
    .why = aws-shim は説明を付け加えるだけで AWS CLI の代わりにはならないため、AWS CLI がないとすべての aws コマンドが失敗します。
doctor-real-aws-bad-override = AWS_SHIM_REAL_AWS に指定された { $path } は実行可能なファイルではありません。
    .why = AWS_SHIM_REAL_AWS が設定されていると aws-shim はそのファイルだけを実行するため、AWS CLI 本体を指すまですべての aws コマンドが失敗します。
doctor-real-aws-is-shim = AWS_SHIM_REAL_AWS に指定された { $path } は aws-shim 自身です。
    .why = aws-shim が自分自身を呼び出すだけになるため、AWS_SHIM_REAL_AWS が AWS CLI 本体を指すまで、すべての aws コマンドが失敗します。
doctor-real-aws-loop = `aws` を実行すると再び aws-shim に戻ってしまいます (入れ子の呼び出し { $depth } 回)。
    .why = PATH 上で AWS CLI 本体より前に別の aws-shim があり、互いに呼び出し合っています。
step-install-cli = AWS CLI をインストールするか、AWS_SHIM_REAL_AWS に AWS CLI 本体のパスを設定してください。
doctor-not-shim = PATH で最初に見つかる `aws` が aws-shim ではないため、エラーに説明が付きません。
    .why = シェルは PATH で最初に見つかった `aws` を実行します。aws-shim がエラーを説明できるのは、aws-shim の `aws` リンクが AWS CLI 本体より前にあるときだけです。
step-path-first = aws-shim への `aws` リンクがある { $dir } を PATH の先頭に追加してください。シェルの起動ファイルに export PATH="{ $dir }:$PATH" と書き、新しいシェルを開きます。
step-path-init = シェルの起動ファイルに eval "$(aws-shim init bash)" と書き (zsh の場合は init zsh、fish の場合は aws-shim init fish | source)、新しいシェルを開いてください。aws-shim への `aws` リンクが作られ、そのディレクトリが PATH の先頭に追加されます。
doctor-env-overrides-profile = { $var } でプロファイル { $profile } を指定していますが、実際にはこのシェルの環境変数に設定されたキーが使われています。
    .why = AWS CLI は { $var } で指定したプロファイルよりも AWS_ACCESS_KEY_ID と AWS_SECRET_ACCESS_KEY を優先します。これらを無視させられるのは、コマンドラインの --profile だけです。
doctor-bad-lang = AWS_SHIM_LANG に設定された { $value } は aws-shim が対応していない言語のため、{ $lang } で表示しています。
    .why = aws-shim が表示できるのは、メッセージを用意している言語だけです。対応していない値は使われず、次の設定 (LC_ALL、LC_MESSAGES、LANG) で言語が決まります。
list-separator = 、
step-fix-lang = AWS_SHIM_LANG を次のいずれかに設定するか、unset してください: { $values }
doctor-version-from = { $version } ({ $from } から判定)
doctor-cloud9-overdue = この AWS Cloud9 環境の AWS マネージド一時認証情報は、予定されていた更新が行われていないため、有効期限が切れていると考えられます。
    .why = Cloud9 は数分ごとに ~/.aws/credentials を更新しますが、更新するのは環境のオーナーが IDE を開いている間だけです。ファイルのヘッダーに書かれた時刻を過ぎても更新されていないので、オーナーは IDE を閉じていると考えられます。AWS マネージド一時認証情報は、オーナーが離れるとまもなく (現在の AWS ドキュメントでは 15 分後に) 失効します。
doctor-cloud9-expiry = オーナーが IDE を開いている間、Cloud9 が数分ごとに更新します
doctor-cloud9-expiry-overdue = 期限切れと考えられます。{ $time } に予定されていた更新が行われていません ({ $ago }経過)
doctor-cloud9-renewed = オーナーが IDE を開いている間は Cloud9 が更新
doctor-no-expiry = なし (長期的なアクセスキーに有効期限はありません)
doctor-not-needed = 不要
doctor-no-problems-online = オフラインでもオンラインでも、問題は見つかりませんでした。
step-unset-for-profile = プロファイル { $profile } を使うには、このシェルから export したキーを削除してください: unset { $vars }
step-profile-option = キーはそのままで、一度だけプロファイル { $profile } を使うには、コマンドラインで指定してください: aws ... --profile { $profile }
doctor-reason-var = { $name } で指定
doctor-title = aws-shim doctor ({ $version })
doctor-shim = aws-shim
doctor-real-aws = AWS CLI 本体
doctor-real-aws-version = AWS CLI 本体のバージョン
doctor-aws-on-path = PATH 上の `aws`
doctor-aws-is-shim = { $path } (aws-shim)
doctor-aws-is-not-shim = { $path } (aws-shim ではありません)
doctor-aws-none = なし
doctor-wrapped = ラップしているコマンド
doctor-wrapped-none = aws のみ (ほかのコマンドは aws-shim init SHELL --wrap cdk,sam で追加できます)
doctor-wrapped-value = { $name } → { $real }
doctor-wrapped-missing = aws-shim 以外の { $name } が PATH 上にありません。呼び出すと終了ステータス 127 で終了します
doctor-language = 表示言語
doctor-place = 実行環境
doctor-place-none = 該当なし (aws-shim が認識するのは CloudShell、SageMaker、ECS、EKS、EC2、GitHub Actions、GitLab CI、CodeBuild、ホストの ~/.aws をマウントしたコンテナです)
doctor-place-not-source = { $place }。使用中の認証情報はこの実行環境から取得されたものではないため、この実行環境向けの対処方法は表示しません
doctor-place-job = { $place }。使用中の認証情報はジョブから取得されたものではありませんが、ジョブではサインインできないため、ジョブ自身で認証情報を取得する方法を表示します
doctor-place-no-credentials = { $place }。この実行環境から取得される認証情報が見つからないため、この実行環境向けの対処方法は表示しません
doctor-place-evidence = 判定の根拠
doctor-place-token-expires = サービスアカウントトークンの有効期限
doctor-place-id-token-expires = ジョブの ID トークンの有効期限
doctor-chosen-by = { $value } ({ $reason })
doctor-reason-system = システムのロケール
doctor-reason-default = 指定がないため既定値
doctor-profile = プロファイル { $profile } ({ $reason })
doctor-source = 認証情報の種類
doctor-origin = 設定の場所
doctor-sso-session = SSO セッション
doctor-role = ロール
doctor-mfa = MFA デバイス
doctor-process = コマンド
doctor-exported = 設定されている環境変数
doctor-cache = キャッシュファイル
doctor-cache-by-content = { $file } (ファイル名ではなく、中のロール名から特定)
doctor-expires = 有効期限
doctor-expires-sso = SSO トークンの有効期限
doctor-expires-in = { $time } (残り { $left })
doctor-expired-ago = { $time } ({ $ago }前に期限切れ)
doctor-unknown = 不明
doctor-refreshable = 自動更新
doctor-yes = あり
doctor-no = なし
doctor-refresh-token-expired = なし (この認証情報の取得に使うトークンの有効期限が切れています)
doctor-last-failure = 最後に記録された失敗
doctor-last-failure-none = 記録なし
doctor-last-failure-value = { $family } ({ $code }) { $time }
family-expired = 有効期限切れ
family-invalid = 認証情報の拒否
family-clock = 時刻のずれ
family-missing = 認証情報なし
family-provider = 認証情報の取得失敗
family-ambiguous = 理由のない拒否
doctor-cloud9-environment = 環境
doctor-cloud9-file = AWS マネージド一時認証情報のファイル
doctor-cloud9-header = ヘッダーあり (日時: { $time })
doctor-cloud9-header-undated = ヘッダーあり (日時は読み取れませんでした)
doctor-cloud9-edited = 編集済み (ヘッダーなし)。Cloud9 はこのファイルを更新しなくなっています
doctor-cloud9-no-header = なし
doctor-online = オンライン確認
doctor-caller = 呼び出し元の ID
doctor-caller-failed = 失敗しました: { $error }
doctor-problems = 見つかった問題: { $count } 件
doctor-no-problems = オフラインで確認できる問題はありません。`aws-shim doctor --online` で AWS にも問い合わせられます。
kind-cloud9-managed = AWS Cloud9 の AWS マネージド一時認証情報
kind-sso = IAM Identity Center (SSO)
kind-assume-role = ロールの引き受け (AssumeRole)
kind-web-identity = ウェブ ID フェデレーション (OIDC トークンファイル)
kind-exported-session = シェルの環境変数に設定した一時的な認証情報
kind-exported-keys = シェルの環境変数に設定した長期的なアクセスキー
kind-file-session = ファイルにコピーした一時的な認証情報 (ASIA とセッショントークン)
kind-file-keys = ファイルに保存した長期的なアクセスキー (AKIA)
kind-credential-process = credential_process
kind-container = コンテナ認証情報のエンドポイント (ECS、CloudShell)
kind-instance-profile = EC2 インスタンスプロファイル
kind-login = aws login (マネジメントコンソールの認証情報でサインイン)
kind-none = 見つかりません
doctor-file-too-large = { $file } は { $limit } を超えているため、aws-shim は先頭の { $limit } だけを読み込みました。
    .why = AWS CLI はファイル全体を読み込みますが、aws-shim は巨大なファイルのために aws コマンドのたびにメモリを消費しないよう、{ $limit } までしか読み込みません。それより後にあるプロファイルは aws-shim には見えないため、存在しないと判断したり、誤った説明をしたりする可能性があります。
step-file-too-large = 使っていないプロファイルを { $file } から削除して、{ $limit } 未満にしてください。

## Shell integration (prompt segment, warning line)

shell-warn-failed = aws-shim: プロファイル { $profile } での前回の aws コマンドは { $code } で失敗しました。今の認証情報は使えません。{ $remedy }
shell-warn-failed-text = aws-shim: プロファイル { $profile } での前回の aws コマンドは失敗しました ({ $what })。{ $remedy }
what-service = サービスが認証情報を拒否
what-sso-expired = SSO セッションの期限切れ
what-sso-token-missing = このマシンでは SSO に未サインイン
what-login-expired = aws login セッションの期限切れ
what-login-password-changed = パスワード変更による aws login セッションの終了
what-login-permission = aws login の権限不足
what-login-session-missing = aws login セッションなし
what-credential-process = credential_process の失敗
what-mfa-required = 新しい MFA コードが必要
what-refreshed-still-expired = 受け取った認証情報がすでに期限切れ
what-no-credentials = 認証情報が見つからない
what-s3-head-no-reason = S3 が理由を示さずに拒否
what-signature-mismatch = 署名の不一致
what-sso-login-timed-out = SSO へのサインインが時間切れ
what-credentials-expired = 認証情報の有効期限切れ
what-cdk-no-account = AWS CDK がアカウントを特定できない
shell-warn-expired = aws-shim: プロファイル { $profile } の認証情報は { $ago }前に有効期限が切れています。{ $remedy }
shell-remedy-sso = 先にサインインし直してください: { $command }
shell-remedy-sso-v1 = 先に AWS CLI v2 ({ $command }) か AWS アクセスポータルでサインインし直してください。
shell-remedy-sso-either = 先に AWS CLI v2 でサインインし直してください: { $command }
shell-remedy-login = 先にサインインし直してください: { $command }
shell-remedy-cloud9 = 招待されたメンバーの場合は環境のオーナーにこの Cloud9 環境を開いてもらい、オーナーご本人の場合は IDE のタブを再読み込みしてから、もう一度実行してください。
shell-remedy-exported = 先にこのシェルで新しい一時的な認証情報を export し直すか、古い値を unset してください。
shell-remedy-role = 次の実行でロールを引き受け直します。MFA コードを求められたら、新しいコードを入力してください。
shell-remedy-mfa = コマンドをもう一度実行し、求められたら新しい MFA コードを入力してください。
shell-remedy-clock = 先にこのマシンの時刻を確認してください: date -u
shell-remedy-other = 原因の確認: aws-shim doctor --profile { $profile }
shell-remedy-place-cloudshell = AWS マネジメントコンソールにサインインし直してから、CloudShell を開き直してください。
shell-remedy-place-sagemaker-studio = SageMaker Studio でこのスペースを停止してから、実行し直してください。実行ロールの認証情報が新しく取得されます。
shell-remedy-place-sagemaker-notebook = ノートブックのカーネルを再起動してください。それでも解決しない場合は、ノートブックインスタンスを停止してから起動し直してください。
shell-remedy-place-ecs = このマシンの時刻 (date -u) が正しければ、このタスクを停止してください。サービスが新しいタスクを起動し、新しい認証情報が使われます。
shell-remedy-place-eks-token-expired = ポッドのサービスアカウントトークン { $command } の有効期限が切れています。ポッドを削除してください。作り直されたポッドには新しいトークンがマウントされます。
shell-remedy-place-ec2-imds-variable = 先に AWS_EC2_METADATA_DISABLED を unset してください。この変数が true のままだと、CLI はインスタンスメタデータサービスに問い合わせません。
shell-remedy-place-ec2-hop-limit = インスタンスに IAM ロールがある場合、IMDSv2 が必須の EC2 インスタンス上のコンテナでインスタンスメタデータを使うには、PUT 応答のホップ制限を 2 以上にする必要があります: { $command }
shell-remedy-place-ec2-role = この EC2 インスタンスから認証情報を取得できませんでした。IAM ロール (インスタンスプロファイル) を確認してください: { $command }
shell-remedy-place-github-duration = ジョブが終わる前にロールのセッションが終了しました。aws-actions/configure-aws-credentials の role-duration-seconds で、セッションの有効期間を延ばしてください。
shell-remedy-place-github-oidc = このジョブには認証情報が渡されていません。role-to-assume を指定した aws-actions/configure-aws-credentials のステップを追加してください (permissions: id-token: write も必要です)。
shell-remedy-place-gitlab-duration = ジョブが終わる前にロールのセッションが終了しました。aws sts assume-role-with-web-identity の --duration-seconds で、セッションの有効期間を延ばしてください。
shell-remedy-place-gitlab-oidc = このジョブには認証情報が渡されていません。ジョブの ID トークンをファイルに書き出し、AWS_ROLE_ARN と AWS_WEB_IDENTITY_TOKEN_FILE を設定してください。
shell-remedy-place-codebuild-chaining = ビルドが終わる前に、このビルドで引き受けたロールのセッションが終了しました (ロールの連鎖によるセッションは最大 1 時間です)。長時間のビルドでは、別のロールを引き受けずに、サービスロールに権限を付与してください。
shell-remedy-place-mounted-aws = このコンテナはホストの ~/.aws を使っています。ホスト側で { $command } を実行して、サインインし直してください。
shell-remedy-place-ci-token-expired = ジョブの ID トークン { $command } の有効期限が切れています。このファイルに新しいトークンを書き出してください。ロールのセッションを長くしても解決しません。
shell-remedy-place-github-no-sign-in = GitHub Actions のジョブではサインインできません。aws-actions/configure-aws-credentials (role-to-assume と permissions: id-token: write) でジョブに認証情報を渡してください。
shell-remedy-place-gitlab-no-sign-in = GitLab CI のジョブではサインインできません。ID トークンをファイルに書き出し、AWS_ROLE_ARN と AWS_WEB_IDENTITY_TOKEN_FILE を設定してください。
shell-remedy-place-codebuild-no-sign-in = CodeBuild のビルドではサインインできません。プロジェクトのサービスロールの認証情報を使ってください (プロファイルを指定しないか、credential_source = EcsContainer のプロファイルを使います)。
shell-remedy-place-codebuild-role = ビルドの認証情報は、AWS_CONTAINER_CREDENTIALS_RELATIVE_URI を通じてプロジェクトのサービスロールから提供されます。この変数が設定された環境でコマンドを実行してください。

## Signing in again and running the command again (AWS_SHIM_RELOGIN=ask)

relogin-sign-in = 今すぐサインインし直しますか? ({ $command }) [Y/n]
relogin-again = 「{ $command }」をもう一度実行しますか? [y/N]
relogin-again-safe = 「{ $command }」をもう一度実行しますか? [Y/n]

## コマンドラインのヘルプ (aws-shim --help、aws-shim コマンド --help)

help-heading-usage = 使い方
help-heading-commands = コマンド
help-heading-arguments = 引数
help-heading-options = オプション
help-value-command = コマンド
help-exit-status = 終了ステータス:
help-arg-help = ヘルプを表示します
help-arg-version = バージョンを表示します
help-arg-lang = 表示する言語: { $values } (指定しない場合は AWS_SHIM_LANG、LC_ALL、LC_MESSAGES、LANG の順に決まります)
help-arg-profile = 対象のプロファイル (指定しない場合は AWS_PROFILE、AWS_DEFAULT_PROFILE、どちらもなければ default)
help-aws-shim = 期限切れの AWS 認証情報を説明する、透過的な `aws` ラッパー
    .long = 期限切れの AWS 認証情報を説明する、透過的な `aws` ラッパーです。PATH 上で AWS CLI より前に `aws` という名前のリンクとして置くと、すべての呼び出しをそのまま AWS CLI に渡し、認証情報の期限切れや不備を AWS CLI が報告したときに、何が起きたか、原因、対処方法を日本語または英語で説明します。
    .after = 表示言語: --lang、なければ AWS_SHIM_LANG ({ $values })、なければロケール (LC_ALL、LC_MESSAGES、LANG) で決まります。
help-help = このヘルプ、または指定したコマンドのヘルプを表示します
help-help-subcommand = ヘルプを表示するコマンド
help-exec = `aws` リンクと同じように、この引数で AWS CLI を実行します
help-exec-args = AWS CLI に渡す引数
help-run = 任意のコマンド (cdk、sam、terraform、スクリプトなど) をラッパーと同じ方法で実行します。出力はそのまま表示し、標準エラー出力に認証情報のエラーがあれば、その後に説明を表示します
help-run-command = 実行するコマンドとその引数 (`--` の後に指定)
help-explain = エラーコード (ExpiredToken など) またはエラーの行全体を説明します
    .after = 例:
        aws-shim explain ExpiredToken
        aws-shim explain 'An error occurred (ExpiredToken) when calling the ListBuckets operation: The provided token has expired.'
        aws s3 ls 2>&1 | aws-shim explain
help-explain-error = エラーコード (ExpiredToken、RequestExpired など)、引用符で囲んだエラーの行全体、または標準入力から AWS CLI の出力全体を読む - (何も指定しない場合も標準入力を読みます)
help-explain-list = 説明できるエラーコードとメッセージの一覧を表示します
help-demo = 認証情報の期限切れエラーが aws-shim でどう表示されるかを実演します
help-doctor = 設定とプロファイルの認証情報を確認します (--online を付けない限りオフラインで確認します)
    .exit = 0: 問題は見つかりませんでした
        1: 問題が見つかりました (それぞれ対処方法と一緒に表示します)
        2: 使い方の誤り
help-doctor-json = テキストの代わりに JSON を出力します (スキーマは docs/doctor-json.md)
help-doctor-online = AWS にも問い合わせます (AWS CLI 本体のバージョンと `aws sts get-caller-identity`)
help-prompt = プロンプトに表示する文字列 (プロファイル、残り時間、期限切れやオフラインの印) を出力します
help-prompt-format = 書式。{"{"}symbol{"}"}、{"{"}profile{"}"}、{"{"}left{"}"}、{"{"}status{"}"} を使えます (既定値は AWS_SHIM_PROMPT_FORMAT、なければ "{"{"}symbol{"}"} {"{"}profile{"}"} {"{"}left{"}"}")
help-prompt-json = 代わりに JSON オブジェクトを出力します (スキーマのバージョンは 1。docs/shell.md を参照)
help-init = `eval "$(aws-shim init bash)"` で読み込むシェル連携のコードを出力します
help-init-shell = 連携するシェル: { $values }
help-init-function = `aws` リンクを PATH の先頭に置く代わりに、シェル関数 `aws` を定義します
help-init-lang = シェルの AWS_SHIM_LANG にこの言語を一度だけ設定します (ロケールの言語の代わりに使われます): { $values }
help-init-wrap = これらのコマンドもラップします (`cdk,sam,terraform` のように指定)。`aws` リンクと同じ場所にそれぞれの名前のリンクを作ります (--function の場合はシェル関数)。既定では `aws` だけです
help-cloud9 = AWS Cloud9: 環境のオーナーにそのまま送れる依頼文を作ります
help-cloud9-note = 環境のオーナーへの依頼文を出力します (どの環境か、AWS マネージド一時認証情報がいつから更新されていないか、何をしてほしいか)
help-cloud9-note-json = テキストの代わりに JSON を出力します (同じ内容をスクリプト向けに)
help-cloud9-note-force = 認証情報が使える状態でも依頼文を出力します (指定しない場合は、使える状態であることを伝えて終了ステータス 1 で終了します)
help-wait = プロファイルの認証情報が再び使えるようになるまで (Cloud9 による更新や SSO へのサインインし直しを) 待ち、使えるようになったらベルを鳴らして終了ステータス 0 で終了します
    .after = 例:
        aws-shim wait --timeout 30m && aws s3 sync ./out s3://bucket/out
    .exit = 0: 認証情報があり、有効期限も切れていません (ベルを鳴らします)
        1: その他のエラー
        2: 使い方の誤り、またはシェルで export された認証情報です (待っても更新されません)
        3: 待つ対象の認証情報がありません (存在しないプロファイル、認証情報が見つからない、待っている間に認証情報がなくなった)
        124: --timeout の時間が過ぎました
        130: Ctrl-C で中止しました
help-wait-timeout = この時間が過ぎたら待つのをやめ、終了ステータス 124 で終了します (90s、10m、1h、または秒数)
help-wait-online = その後、AWS CLI 本体で `aws sts get-caller-identity` を実行して確認します
help-completions = aws-shim 自身のコマンドの補完スクリプトを、指定したシェル向けに出力します
help-completions-shell = 補完スクリプトを出力するシェル: { $values }

## 受け付けられないコマンドライン (英語では clap 自身のメッセージを表示します。内容は同じです)

usage-error-unknown-argument = 引数「{ $arg }」は使えません
usage-error-unknown-command = 「{ $command }」というコマンドはありません
usage-error-invalid-value = 「{ $arg }」に「{ $value }」は指定できません (指定できる値: { $valid })
usage-error-missing-argument = 必須の引数が指定されていません: { $arg }
usage-error-missing-command = コマンドを指定してください
usage-error-conflict = 引数「{ $arg }」は「{ $other }」と同時に指定できません
usage-error-other = コマンドラインを解釈できませんでした ({ $arg })
usage-error-more = 詳しくは --help を付けて実行してください。

## explain、cloud9 note

explain-usage = エラーコードか、引用符で囲んだエラーの行全体を指定するか、AWS CLI の出力をパイプで渡してください: aws s3 ls 2>&1 | aws-shim explain
explain-nothing-found = 入力の中に、aws-shim が説明できる認証情報のエラーは見つかりませんでした。
explain-unknown = { $text } は aws-shim が説明できるエラーではありません。
explain-needs-line = { $code } はメッセージによって意味が異なります。エラーの行全体を引用符で囲んで指定してください。
explain-known-codes = 説明できるエラーコード:
explain-known-messages = 説明できるメッセージ:
note-not-cloud9 = ここは AWS Cloud9 環境ではありません (C9_* 環境変数も、AWS マネージド一時認証情報のファイルもありません)。

## Places
## Where this shell runs, when that decides the remedy (context/place.rs); step-place-*
## replace the remedies that do not name the place.

place-cloudshell = AWS CloudShell
place-sagemaker-studio = SageMaker Studio のスペース
place-sagemaker-notebook = SageMaker ノートブックインスタンス
place-ecs = Amazon ECS のタスク
place-eks-pod-identity = EKS のポッド (EKS Pod Identity)
place-eks-irsa = EKS のポッド (サービスアカウントの IAM ロール)
place-ec2 = EC2 インスタンス (インスタンスプロファイル)
place-ec2-container = EC2 インスタンス上のコンテナ (インスタンスプロファイル)
place-github-actions = GitHub Actions のジョブ
place-gitlab-ci = GitLab CI のジョブ
place-codebuild = AWS CodeBuild のビルド
place-mounted-aws = ホストの ~/.aws をマウントしたコンテナ
step-place-cloudshell-sign-in = CloudShell はコンソールのセッションの認証情報を使うため、そのセッションが終わると認証情報も使えなくなります。AWS マネジメントコンソールにサインインし直してから、CloudShell を開き直してください (または Actions > Restart を選択してください)。
step-place-cloudshell-not-here = この問題は CloudShell で aws configure や aws sso login を実行しても解決しません。コンソールのセッションの認証情報は更新されません。
step-place-sagemaker-restart-space = SageMaker Studio でスペース { $space } を停止し、もう一度実行してください。スペースの新しいセッションが、実行ロールの新しい認証情報を取得します。
step-place-sagemaker-restart-kernel = ノートブックのカーネルを再起動してから、セルをもう一度実行してください。
step-place-sagemaker-restart-notebook = それでも解決しない場合は、ノートブックインスタンスを停止してから起動し直してください: aws sagemaker stop-notebook-instance --notebook-instance-name { $name } (停止したら start-notebook-instance で起動します)
step-place-sagemaker-session = 長時間のジョブは、実行ロールの 1 回のセッションより長くかかることがあります。ロールの最大セッション時間 (秒) を確認してください: { $command }
step-place-ecs-new-task = タスクロールの認証情報は、期限が切れる前に ECS エージェントが更新します。時刻が正しい場合は、タスクを停止してください。サービスが新しい認証情報で新しいタスクを起動します。
step-place-eks-token-expired = ポッドのサービスアカウントトークン { $file } は { $time } に有効期限が切れています (トークン自体から読み取った時刻です)。kubelet がトークンを更新していません。ポッドを削除してください。作り直されたポッドには新しいトークンがマウントされます。
step-place-eks-token-valid = ポッドのサービスアカウントトークン { $file } は { $time } まで有効です (トークン自体から読み取った時刻です)。原因はトークンではありません。
step-place-eks-token-unread = ポッドのサービスアカウントトークン { $file } を読み取れませんでした。このコンテナにマウントされているか確認してください。
step-place-eks-pod-identity-agent = EKS Pod Identity の認証情報は、ノード上の EKS Pod Identity エージェントが提供します。このポッドのノードでエージェントが動いているか確認してください: kubectl get pods -n kube-system -o wide | grep eks-pod-identity-agent
step-place-eks-irsa-annotation = サービスアカウント { $namespace }/{ $account } の eks.amazonaws.com/role-arn アノテーションが、今もロール { $role } を指しているか確認してください: kubectl describe serviceaccount { $account } -n { $namespace }
step-place-eks-irsa-annotation-any = ポッドのサービスアカウントの eks.amazonaws.com/role-arn アノテーションが今もロール { $role } を指しているか、ロールの信頼ポリシーがこのクラスターの OIDC プロバイダーを許可しているか確認してください。
step-place-ec2-imds-variable = このシェルで AWS_EC2_METADATA_DISABLED=true が設定されているため、CLI はインスタンスメタデータサービスにインスタンスプロファイルの認証情報を問い合わせません: unset AWS_EC2_METADATA_DISABLED
step-place-ec2-hop-limit = このシェルは EC2 インスタンス上のコンテナ ({ $evidence }) で動いています。インスタンスで IMDSv2 が必須 (HttpTokens=required) で、PUT 応答のホップ制限が 1 の場合 (起動テンプレート、アカウントのデフォルト設定、または手動で設定されたもの。IMDSv2 必須の AMI から起動したインスタンスでは 2 です)、メタデータサービスのトークンがコンテナに届かないため、CLI はここで認証情報を取得できません (インスタンスが IMDSv1 を許可している場合に限り、CLI は IMDSv1 で取得し直します)。このインスタンスを変更できる権限のある環境から、ホップ制限を引き上げてください: { $command }
step-place-ec2-role-check = この EC2 インスタンスから認証情報を取得できませんでした。IAM ロール (インスタンスプロファイル) がアタッチされていない可能性があります。アタッチされているものを確認してください: { $command }
step-place-ec2-role-attach = アタッチされていない場合は、インスタンスプロファイルをアタッチしてください: { $command }
step-place-github-duration = ジョブが終わる前に、このジョブのロールのセッションが終了しました (指定しない場合は 1 時間)。aws-actions/configure-aws-credentials のステップで role-duration-seconds を指定し、より長いセッションを要求してください (最大 43200)。role-chaining: true の場合、セッションは 1 時間を超えられません。
step-place-gitlab-duration = ジョブが終わる前に、このジョブのロールのセッションが終了しました (指定しない場合は 1 時間)。aws sts assume-role-with-web-identity に --duration-seconds を指定し、より長いセッションを要求してください (最大 43200)。
step-place-codebuild-chaining = ビルドが終わる前に、このビルドで引き受けたロールのセッションが終了しました。ビルドのサービスロールの認証情報で別のロールを引き受けるのはロールの連鎖にあたり、AWS はセッションを 1 時間までに制限しています。長いビルドでは、代わりにサービスロールに必要な権限を付与してください。
step-place-ci-max-session = 要求する時間は、ロールの最大セッション時間 (デフォルトは 1 時間、最大 12 時間) を超えられません。管理者は次のコマンドで引き上げられます: aws iam update-role --role-name ROLE_NAME --max-session-duration 43200
step-place-github-oidc = このジョブには認証情報が渡されていません。role-to-assume を指定した aws-actions/configure-aws-credentials のステップを追加し、ジョブに permissions: id-token: write を付与してください。
step-place-gitlab-oidc = このジョブには認証情報が渡されていません。ジョブに ID トークン (IAM の OIDC プロバイダーが想定する aud を指定した id_tokens) を発行してファイルに書き出し、AWS_ROLE_ARN と AWS_WEB_IDENTITY_TOKEN_FILE を設定してください。トークンとの交換は CLI が行います。
step-place-github-token-expired = ファイル { $file } にあるジョブの ID トークンは、{ $time } に有効期限が切れています (トークン自体から読み取った時刻です)。CLI はロールのセッションが終わるたびに、このトークンで新しいセッションを自動で取得し直すため、ロールのセッションを長くしても解決しません。古くなっているのはトークンです。AWS を呼び出すコマンドの前に、新しい ID トークンをファイルに書き出してください (ACTIONS_ID_TOKEN_REQUEST_URL と ACTIONS_ID_TOKEN_REQUEST_TOKEN で取得できます。ジョブに permissions: id-token: write が必要です)。または、role-to-assume を指定した aws-actions/configure-aws-credentials で認証情報を取得してください。
step-place-gitlab-token-expired = ファイル { $file } にあるジョブの ID トークンは、{ $time } に有効期限が切れています (トークン自体から読み取った時刻です)。CLI はロールのセッションが終わるたびに、このトークンで新しいセッションを自動で取得し直すため、ロールのセッションを長くしても解決しません。古くなっているのはトークンです。以前のジョブがキャッシュやアーティファクトに保存したトークンではなく、このジョブ自身の ID トークン (id_tokens の変数) を、AWS を呼び出すコマンドの前にファイルへ書き出してください。
step-place-ci-token-valid = ファイル { $file } にあるジョブの ID トークンは { $time } まで有効です (トークン自体から読み取った時刻です)。原因はトークンではありません。
step-place-ci-token-unread = ジョブの ID トークン { $file } を読み取れませんでした。AWS を呼び出すコマンドの前に、ジョブがこのファイルを書き出しているか確認してください。
step-place-github-no-sign-in = GitHub Actions のジョブでは、対話的なサインインはできません。ブラウザでサインインしたり MFA コードを入力したりする人がいないためです。代わりに、ジョブ自身に認証情報を渡してください: role-to-assume を指定した aws-actions/configure-aws-credentials のステップを追加し、ジョブに permissions: id-token: write を付与します。
step-place-gitlab-no-sign-in = GitLab CI のジョブでは、対話的なサインインはできません。ブラウザでサインインしたり MFA コードを入力したりする人がいないためです。代わりに、ジョブ自身に認証情報を渡してください: ID トークン (id_tokens) をファイルに書き出し、AWS_ROLE_ARN と AWS_WEB_IDENTITY_TOKEN_FILE を設定します。トークンとの交換は CLI が行います。
step-place-codebuild-no-sign-in = CodeBuild のビルドでは、対話的なサインインはできません。ブラウザでサインインしたり MFA コードを入力したりする人がいないためです。ビルドの認証情報はプロジェクトのサービスロールのもので、CodeBuild が AWS_CONTAINER_CREDENTIALS_RELATIVE_URI を通じて提供します。プロファイルを指定せずに (または credential_source = EcsContainer のプロファイルで) この認証情報を使い、ビルドに必要な権限はサービスロールに付与してください。プロジェクトのサービスロールの確認: { $command }
step-place-codebuild-role = ビルドの認証情報はプロジェクトのサービスロールのもので、CodeBuild が AWS_CONTAINER_CREDENTIALS_RELATIVE_URI を通じて提供します。このシェルにはこの変数が設定されていません (ビルドが起動したコンテナには、明示的に渡さない限り引き継がれません)。コマンドをビルド自身の環境で実行するか、コンテナに AWS_CONTAINER_CREDENTIALS_RELATIVE_URI を渡してください。プロジェクトのサービスロールの確認: { $command }
step-place-mounted-aws-host-ro = このコンテナはホストの ~/.aws を読み取り専用でマウントしています。ホスト側でサインインし直してください (ホストで { $command } を実行します)。新しいトークンはマウントを通じてコンテナからも見えます。
step-place-mounted-aws-host = このコンテナはホストの ~/.aws をマウントしています。ブラウザを開けるホスト側でサインインし直してください (ホストで { $command } を実行します)。新しいトークンはマウントを通じてコンテナからも見えます。
