# aws-shim のメッセージ (日本語)
# ここにあるメッセージは、ほかの locales/*.ftl にも同じ変数で必ず存在します。

## 説明ブロックの見出し

label-why = 原因
label-next = 対処方法
label-more = 詳細
label-expired-at = この認証情報の有効期限は { $time } でした ({ $ago }前)。
label-cloud9-overdue = Cloud9 は ~/.aws/credentials を { $time } に更新する予定でしたが、まだ更新していません ({ $ago }経過)。環境のオーナーが IDE を開いていないときに起きる状態です。

## 何が起きたか (メッセージ本体) と、その原因 (.why)

cloud9-expired = この AWS Cloud9 環境の AWS マネージド一時認証情報の有効期限が切れています。
    .why = Cloud9 から AWS を操作するときは、IAM ユーザーなどの権限に加えて、環境の AWS マネージド一時認証情報でも許可されている必要があります。この一時認証情報が 5 分ごとに更新されるのは、環境のオーナーが IDE を開いている間だけです。オーナーが IDE を閉じるとまもなく (現在の AWS ドキュメントでは 15 分で) 失効するため、IAM ユーザーに AdministratorAccess があっても操作は拒否されます。
cloud9-edited = ~/.aws/credentials が Cloud9 によって更新されなくなり、一時認証情報の有効期限が切れています。
    .why = Cloud9 は管理している認証情報ファイルの先頭にヘッダーを書き込んでおり、ファイルが編集されると (aws configure の実行など) 以後は更新しません。ファイルに残ったキーは期限が切れたまま置き換わりません。
cloud9-invalid = この AWS Cloud9 環境の AWS マネージド一時認証情報のトークンが AWS に拒否されました。
    .why = AWS マネージド一時認証情報では、IAM ユーザーに権限があっても実行できない操作があります (IAM の大半の操作、sts:AssumeRole、Cloud9 自体の大半の操作など)。これらは InvalidClientTokenId として失敗するため、キーが壊れているように見えますが、そうではありません。環境のオーナーが接続していないために一時認証情報が失効している可能性もあります。
cloud9-missing = この AWS Cloud9 環境には AWS マネージド一時認証情報がありません。
    .why = AWS マネージド一時認証情報がオフにされた場合や、オーナー以外のユーザーがメンバーを追加した場合、Cloud9 は認証情報ファイルを削除します。プライベートサブネット内の環境や SSH 環境では、もともと利用できません。
expired = 使用中の一時的な AWS 認証情報の有効期限が切れています。
    .why = 一時的な認証情報 (SSO のセッション、引き受けたロール、環境変数に設定したセッションキーなど) にはセッショントークンが含まれ、決まった時刻に失効します。新しい認証情報を取得するまで、AWS はすべてのリクエストを拒否します。
sso-expired = プロファイル { $profile } で使う IAM Identity Center (SSO) セッションは、有効期限が切れています。
    .why = CLI はキャッシュされた SSO トークンを使ってロールの認証情報を取得します。このトークンの期限が切れていて更新もできなかったため、もう一度サインインするまで認証情報を取得できません。
sso-token-missing = このマシンには、プロファイル { $profile } の IAM Identity Center (SSO) のサインイン情報がありません。
    .why = このプロファイルは SSO を使う設定ですが、セッションのトークンがキャッシュに見つかりませんでした。このマシンでまだサインインしていないか、キャッシュが削除されています。
login-expired = aws login のセッションの有効期限が切れています。
    .why = CLI はコンソールの認証情報でサインインしていましたが、そのセッションが終了しました。
exported-expired = このシェルの環境変数に設定されたセッション認証情報の有効期限が切れています。
    .why = 環境変数 AWS_ACCESS_KEY_ID、AWS_SECRET_ACCESS_KEY、AWS_SESSION_TOKEN は、どのプロファイルの設定よりも優先されます。このセッションはすでに終了していますが、環境変数の値は自動では更新されません。
refreshed-still-expired = CLI が新しく取得した認証情報は、取得した時点ですでに期限切れでした。
    .why = CLI は認証情報を取り直しましたが、その認証情報も期限が切れていました。多くの場合、このシェルで設定した AWS_CREDENTIAL_EXPIRATION などが過去の時刻になっています。
assume-role-expired = プロファイル { $profile } で引き受けたロールのセッションの有効期限が切れています。
    .why = CLI はロールの一時認証情報をキャッシュし、期限が切れるまで再利用します。このセッションは期限が切れており、ユーザーの操作なしには更新できませんでした。
file-session-expired = プロファイル { $profile } に保存されたセッションキーの有効期限が切れています。
    .why = このプロファイルには、認証情報ファイルにコピーされた一時的なキー (ASIA で始まるアクセスキーとセッショントークン) が入っています。コピーしたキーは自動では更新されません。
process-expired = credential_process が返した認証情報の有効期限が切れています。
    .why = このプロファイルは外部コマンドで認証情報を取得しますが、そのコマンドが期限切れの認証情報を返しました。
credential-process-failed = このプロファイルの credential_process のコマンドが失敗しました: { $detail }
    .why = CLI は外部コマンドを実行して認証情報を取得しますが、そのコマンドがエラーを返したため処理を中止しました。
mfa-required = コマンドの実行中にプロファイル { $profile } のロールのセッションが期限切れになりました。新しいセッションには MFA コードが必要です。
    .why = CLI が MFA コードを求めるのはコマンドの開始時だけです。長時間かかるコマンド (大きな s3 sync など) の途中でロールのセッションが切れると、CLI はセッションを更新できずに処理を中止します。
invalid-key = 使用中のアクセスキーまたはセッショントークンが AWS に認識されませんでした。
    .why = キーが削除または無効化されたか、入力を間違えたか、別のセッションのセッショントークンと組み合わせていることが考えられます。長期的なアクセスキー (AKIA...) に有効期限はありませんが、一時的なキー (ASIA...) には対応するセッショントークンが必要です。
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
step-cloud9-enable = 環境のオーナーは Preferences > AWS Settings > Credentials で「AWS managed temporary credentials」を再びオンにできます。
step-sso-login = もう一度サインインしてください: { $command }
step-aws-login = もう一度サインインしてください: { $command }
step-export-refresh = 新しいセッション認証情報を取得して、環境変数に設定し直してください (今の認証情報を発行したツールやポータルから取得できます)。
step-export-unset = プロファイルを使う場合は、このシェルから環境変数を削除してください: unset { $vars }
step-rerun-mfa = プロファイル { $profile } が MFA 付きでロールを引き受ける設定の場合は、コマンドをもう一度実行し、表示されたら新しい MFA コードを入力してください。
step-rerun-role = コマンドをもう一度実行してください。CLI がプロファイル { $profile } のロールを引き受け直します。
step-new-mfa-code = コマンドをもう一度実行してください。CLI がプロファイル { $profile } のロールを引き受け直し、{ $serial } の新しい MFA コードの入力を求めます。
step-remove-cache = 期限切れのキャッシュを削除すると、CLI が新しいセッションを開始します: rm { $file }
step-file-session-refresh = プロファイル { $profile } の新しい一時的なキーを取得し、認証情報ファイルの 3 つの値 (アクセスキー、シークレットアクセスキー、セッショントークン) をすべて置き換えてください。
step-process-run = コマンドを直接実行して、出力全体を確認してください: { $command }
step-check-which = CLI がどの認証情報をどこから読み込んでいるか確認してください: { $command }
step-new-keys = キーが削除または無効化されている場合は、IAM コンソールで新しいアクセスキーを作成し (または管理者に依頼し)、設定し直してください。
step-clock-check = このマシンの時刻を正しい時刻と比べてください: date -u
step-clock-sync = 時刻同期を有効にしてください (sudo timedatectl set-ntp true)。chrony を使っている場合は、すぐに時刻を合わせられます: sudo chronyc makestep
step-configure-sso = IAM Identity Center (SSO) を使う場合: { $command }
step-configure-keys = アクセスキーを使う場合: { $command }
step-check-profile = 別のプロファイルを使うつもりだった場合は、AWS_PROFILE と --profile オプションを確認してください。
step-mfa-terminal = コマンドをもう一度実行し、求められたら新しい MFA コードを入力してください。長時間の処理では、プロファイルの duration_seconds でセッションを長くできます (ロールの最大セッション時間まで)。
step-sso-login-v1 = AWS CLI v1 は IAM Identity Center に直接サインインできません。AWS CLI v2 でサインインしてください ({ $command })。v2 がキャッシュしたトークンを AWS CLI v1 も使います。または、AWS アクセスポータルから短期認証情報をコピーし、このシェルで export してください。
step-sso-login-either = AWS CLI v2 でサインインし直してください: { $command } (AWS CLI v1 には sso login がありませんが、v2 がキャッシュしたトークンを使います)
step-sso-login-again = もう一度実行し、すぐにブラウザでリクエストを承認してください: { $command }
step-aws-login-console = AWS マネジメントコンソールにサインインしている場合は、同じ ID で CLI にもサインインできます: { $command }
step-configure-sso-v2 = IAM Identity Center (SSO) を使う場合 (AWS CLI v2): { $command }
step-login-permission = IAM ユーザーまたはロールに signin:CreateOAuth2Token アクションを許可するよう管理者に依頼し (AWS 管理ポリシー SignInLocalDevelopmentAccess に含まれています)、そのあとでサインインし直してください: { $command }
step-keys-same-source = アクセスキー ID とシークレットアクセスキーを、同じ取得元からもう一度設定してください (シークレットアクセスキーを IAM コンソールで確認できるのは、キーを作成したときだけです): { $command }
step-export-same-source = AWS_ACCESS_KEY_ID と AWS_SECRET_ACCESS_KEY (あれば AWS_SESSION_TOKEN も) を、すべて同じ取得元から export し直してください。

note-unnamed = この環境
note-since = AWS Cloud9 環境 { $env } の AWS マネージド一時認証情報が { $time } 以降 ({ $ago }前から) 更新されていないため、招待されたメンバーの AWS コマンドが ExpiredToken で失敗しています。
note-expired = AWS Cloud9 環境 { $env } の AWS マネージド一時認証情報の有効期限が切れているため、招待されたメンバーの AWS コマンドが ExpiredToken で失敗しています。
note-open = この一時認証情報は、オーナーが環境を開いている間だけ更新されます。お手数ですが、次の URL から環境を開き、作業中はタブを開いたままにしていただけますか。
note-open-console = この一時認証情報は、オーナーが環境を開いている間だけ更新されます。お手数ですが、AWS Cloud9 コンソールから環境を開き、作業中はタブを開いたままにしていただけますか。
note-lasting = 恒久的な対策としては、オーナーが Preferences > AWS Settings > Credentials で「AWS managed temporary credentials」をオフにし、環境の EC2 インスタンスにインスタンスプロファイル (IAM ロール) をアタッチする方法があります。
step-cloud9-note = オーナーへの依頼には、次のコマンドが出力する文面をそのまま送れます: aws-shim cloud9 note
step-cloud9-wait = オーナーが環境を開くと、数分以内に Cloud9 が一時認証情報を更新します。更新されたことは次のコマンドで確認できます: aws-shim wait && (実行したいコマンド)

wait-start = プロファイル { $profile } の認証情報が使えるようになるまで待っています (Ctrl-C で中止)...
wait-status = 待機時間 { $elapsed }
wait-done = プロファイル { $profile } の認証情報が使えるようになりました。
wait-timeout = 時間内にプロファイル { $profile } の認証情報が使えるようにならなかったため、待機を終了しました。
wait-exported = プロファイル { $profile } の認証情報はこのシェルで export された値のため、待っていても更新されません。新しい値を export し直すか、unset してプロファイルを使ってください。

hint-switch-to-ja = 日本語で表示するには: export AWS_SHIM_LANG=ja

## 期間

duration-minutes = { $m } 分
duration-hours = { $h } 時間 { $m } 分
duration-days = { $d } 日 { $h } 時間

## Credential context (doctor, remedies by source)

web-identity-expired = プロファイル { $profile } のウェブ ID フェデレーションのセッションの有効期限が切れています。
    .why = CLI はファイル (AWS_WEB_IDENTITY_TOKEN_FILE または web_identity_token_file) にある OIDC トークンをロールの一時認証情報と交換し、期限が切れると交換し直します。それでも期限切れになる場合は、多くはファイルのトークン自体が古くなっています。ファイルを書き込む仕組み (EKS や CI ランナーなど) が更新を止めている可能性があります。
step-web-identity-token = トークンファイルを提供している環境が、今もファイルを更新しているか確認してから、コマンドをもう一度実行してください。
container-expired = 使用中のコンテナ認証情報の有効期限が切れています。
    .why = この認証情報はコンテナ認証情報のエンドポイント (AWS_CONTAINER_CREDENTIALS_FULL_URI または RELATIVE_URI。ECS のタスクロールや CloudShell) から取得されており、通常は自動で更新されます。期限切れになっているのは、エンドポイントが更新を止めたか、時刻がずれているためと考えられます。
step-container-renew = CloudShell の場合は、ブラウザタブを再読み込みするかセッションを再起動してください。ECS の場合は、タスクロールを確認し、タスクを再起動してください。
instance-profile-expired = 使用中の一時認証情報の有効期限が切れています (このマシンの認証情報は EC2 のインスタンスプロファイルから取得されています)。
    .why = インスタンスプロファイルの認証情報は、期限が切れるよりかなり前に EC2 が自動で更新します。そのため多くの場合、このマシンの時刻がずれているか、認証情報がインスタンスプロファイル以外から読み込まれています。
s3-head-unclear = S3 がリクエストを拒否しましたが、理由は返されませんでした。
    .why = ダウンロードの前に送る HEAD リクエストにはレスポンス本文がないため、CLI には 400 Bad Request や 403 Forbidden といったステータスしか表示できません。一時認証情報の期限切れも原因の一つですが、権限不足やリージョンの誤りも考えられます。
step-check-identity = 認証情報がまだ有効か確認してください: { $command }
hint-s3-head-expired = HEAD リクエストでは S3 は理由を返しませんが、プロファイル { $profile } の一時認証情報は期限が切れているため、それが原因と考えられます。確認するには: { $command }
hint-s3-head-unknown = HEAD リクエストでは S3 は理由を返しません。プロファイル { $profile } の一時認証情報の期限が切れている可能性があります。確認するには: { $command }
doctor-real-aws-not-found = PATH 上に実際の AWS CLI が見つかりません (aws-shim は AWS CLI に処理を渡すだけです)。
    .why = aws-shim は説明を付け加えるだけで AWS CLI の代わりにはならないため、AWS CLI がないとすべての aws コマンドが失敗します。
doctor-real-aws-bad-override = AWS_SHIM_REAL_AWS に指定された { $path } は実行可能なファイルではありません。
    .why = AWS_SHIM_REAL_AWS が設定されていると aws-shim はそのファイルだけを実行するため、実際の AWS CLI を指すまですべての aws コマンドが失敗します。
doctor-real-aws-is-shim = AWS_SHIM_REAL_AWS に指定された { $path } は aws-shim 自身です。
    .why = aws-shim が自分自身を呼び出すだけになるため、AWS_SHIM_REAL_AWS が実際の AWS CLI を指すまで、すべての aws コマンドが失敗します。
doctor-real-aws-loop = `aws` を実行すると再び aws-shim に戻ってしまいます (入れ子の呼び出し { $depth } 回)。
    .why = PATH 上で実際の AWS CLI より前に別の aws-shim があり、互いに呼び出し合っています。
step-install-cli = AWS CLI をインストールするか、AWS_SHIM_REAL_AWS に実際の AWS CLI のパスを設定してください。
doctor-not-shim = PATH で最初に見つかる `aws` が aws-shim ではないため、エラーに説明が付きません。
    .why = シェルは PATH で最初に見つかった `aws` を実行します。aws-shim の `aws` リンクが実際の AWS CLI より前にあるときだけ、エラーを説明できます。
step-path-first = aws-shim への `aws` リンクを置いたディレクトリを PATH の先頭に追加し (シェルの起動ファイルに export PATH="ディレクトリ:$PATH" と書きます)、新しいシェルを開いてください。
doctor-env-overrides-profile = { $var } でプロファイル { $profile } を指定していますが、実際にはこのシェルの環境変数に設定されたキーが使われています。
    .why = AWS CLI は { $var } で指定したプロファイルよりも AWS_ACCESS_KEY_ID と AWS_SECRET_ACCESS_KEY を優先します。これらを無視させられるのは、コマンドラインの --profile だけです。
doctor-bad-lang = AWS_SHIM_LANG に設定された { $value } は aws-shim が対応していない言語のため、{ $lang } で表示しています。
    .why = aws-shim のメッセージは日本語と英語です。対応していない値は使われず、次の設定 (LC_ALL、LC_MESSAGES、LANG) で言語が決まります。
step-fix-lang = AWS_SHIM_LANG を ja か en に設定するか、unset してください。
doctor-version-from = { $version } ({ $from } から判定)
doctor-cloud9-overdue = Cloud9 は { $time } 以降 ({ $ago }前から) マネージド一時認証情報を更新していません。環境のオーナーが IDE を開いていないため、期限切れになっている可能性が高いです。
    .why = Cloud9 は数分ごとに ~/.aws/credentials を更新しますが、更新するのは環境のオーナーが IDE を開いている間だけです。ファイルのヘッダーに書かれた時刻を過ぎても更新されていないので、オーナーは IDE を閉じています。マネージド一時認証情報は、オーナーが離れるとまもなく (現在の AWS ドキュメントでは 15 分で) 失効します。
doctor-cloud9-expiry = オーナーが IDE を開いている間、Cloud9 が数分ごとに更新します
doctor-cloud9-expiry-overdue = 期限切れの可能性が高いです。Cloud9 は { $time } に更新する予定でしたが、{ $ago }経っても更新していません
doctor-cloud9-renewed = オーナーが IDE を開いている間は Cloud9 が更新
doctor-no-expiry = なし (長期的なアクセスキーに有効期限はありません)
doctor-not-needed = 不要
doctor-no-problems-online = オフラインでもオンラインでも、問題は見つかりませんでした。
step-unset-for-profile = プロファイル { $profile } を使うには、このシェルから export したキーを削除してください: unset { $vars }
step-profile-option = キーはそのままで、一度だけプロファイル { $profile } を使うには、コマンドラインで指定してください: aws ... --profile { $profile }
doctor-reason-var = { $name } で指定
doctor-title = aws-shim doctor ({ $version })
doctor-shim = aws-shim
doctor-real-aws = 実際の AWS CLI
doctor-real-aws-version = 実際の AWS CLI のバージョン
doctor-aws-on-path = PATH 上の `aws`
doctor-aws-is-shim = { $path } (aws-shim)
doctor-aws-is-not-shim = { $path } (aws-shim ではありません)
doctor-aws-none = なし
doctor-wrapped = ラップしているコマンド
doctor-wrapped-none = aws のみ (ほかのコマンドは aws-shim init SHELL --wrap cdk,sam で追加できます)
doctor-wrapped-value = { $name } → { $real }
doctor-wrapped-missing = aws-shim 以外の { $name } が PATH 上にありません。呼び出すと終了ステータス 127 で終了します
doctor-language = 表示言語
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
doctor-expires-in = { $time } (残り { $left })
doctor-expired-ago = { $time } ({ $ago }前に期限切れ)
doctor-unknown = 不明
doctor-refreshable = 自動更新
doctor-yes = あり
doctor-no = なし
doctor-last-failure = 最後に記録された失敗
doctor-last-failure-none = 記録なし
doctor-last-failure-value = { $family } ({ $code }) { $time }
doctor-cloud9-environment = 環境
doctor-cloud9-file = マネージド認証情報ファイル
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
kind-exported-session = シェルの環境変数に設定したセッション認証情報
kind-exported-keys = シェルの環境変数に設定した長期的なアクセスキー
kind-file-session = ファイルにコピーしたセッションキー (ASIA とセッショントークン)
kind-file-keys = ファイルに保存した長期的なアクセスキー (AKIA)
kind-credential-process = credential_process
kind-container = コンテナ認証情報のエンドポイント (ECS、CloudShell)
kind-instance-profile = EC2 インスタンスプロファイル
kind-none = 見つかりません

## Shell integration (prompt segment, warning line)

shell-warn-failed = aws-shim: プロファイル { $profile } での前回の aws コマンドは { $code } で失敗しました。今の認証情報は使えません。{ $remedy }
shell-warn-failed-text = aws-shim: プロファイル { $profile } での前回の aws コマンドは失敗しました ({ $what })。今の認証情報は使えません。{ $remedy }
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
shell-remedy-cloud9 = 招待されたメンバーの場合は環境のオーナーにこの Cloud9 環境を開いてもらい、オーナーご本人の場合は IDE のタブを再読み込みしてから、もう一度実行してください。
shell-remedy-exported = 先にこのシェルで新しい一時認証情報を export し直すか、古い値を unset してください。
shell-remedy-role = 次の実行でロールを引き受け直します。MFA コードを求められたら、新しいコードを入力してください。
shell-remedy-mfa = コマンドをもう一度実行し、求められたら新しい MFA コードを入力してください。
shell-remedy-clock = 先にこのマシンの時刻を確認してください: date -u
shell-remedy-other = 原因の確認: aws-shim doctor --profile { $profile }

## Signing in again and running the command again (AWS_SHIM_RELOGIN=ask)

relogin-sign-in = 今すぐサインインし直しますか? ({ $command }) [Y/n]
relogin-again = 「{ $command }」をもう一度実行しますか? [y/N]
relogin-again-safe = 「{ $command }」をもう一度実行しますか? [Y/n]

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
step-place-eks-token-expired = ポッドのサービスアカウントトークン { $file } は { $time } に有効期限が切れています (トークン自体から読み取った時刻です)。kubelet がトークンを更新していません。ポッドを削除して、新しいトークンを持つポッドを起動させてください。
step-place-eks-token-valid = ポッドのサービスアカウントトークン { $file } は { $time } まで有効です (トークン自体から読み取った時刻です)。原因はトークンではありません。
step-place-eks-token-unread = ポッドのサービスアカウントトークン { $file } を読み取れませんでした。このコンテナにマウントされているか確認してください。
step-place-eks-pod-identity-agent = EKS Pod Identity の認証情報は、ノード上の EKS Pod Identity エージェントが提供します。このポッドのノードでエージェントが動いているか確認してください: kubectl get pods -n kube-system -o wide | grep eks-pod-identity-agent
step-place-eks-irsa-annotation = サービスアカウント { $namespace }/{ $account } の eks.amazonaws.com/role-arn アノテーションが、今もロール { $role } を指しているか確認してください: kubectl describe serviceaccount { $account } -n { $namespace }
step-place-eks-irsa-annotation-any = ポッドのサービスアカウントの eks.amazonaws.com/role-arn アノテーションが今もロール { $role } を指しているか、ロールの信頼ポリシーがこのクラスターの OIDC プロバイダーを許可しているか確認してください。
step-place-ec2-imds-variable = このシェルで AWS_EC2_METADATA_DISABLED=true が設定されているため、CLI はインスタンスメタデータサービスにインスタンスプロファイルの認証情報を問い合わせません: unset AWS_EC2_METADATA_DISABLED
step-place-ec2-hop-limit = このシェルは EC2 インスタンス上のコンテナ ({ $evidence }) で動いています。IMDSv2 では、PUT 応答のホップ制限が 2 以上でないと、インスタンスメタデータの応答がコンテナに届きません (デフォルトは 1)。このインスタンスを変更できる権限のある環境から、ホップ制限を引き上げてください: { $command }
step-place-ec2-role-check = この EC2 インスタンスから認証情報を取得できませんでした。IAM ロール (インスタンスプロファイル) がアタッチされていない可能性があります。アタッチされているものを確認してください: { $command }
step-place-ec2-role-attach = アタッチされていない場合は、インスタンスプロファイルをアタッチしてください: { $command }
step-place-github-duration = ジョブが終わる前に、このジョブのロールのセッションが終了しました (指定しない場合は 1 時間)。aws-actions/configure-aws-credentials のステップで role-duration-seconds を指定し、より長いセッションを要求してください (最大 43200)。role-chaining: true の場合、セッションは 1 時間を超えられません。
step-place-gitlab-duration = ジョブが終わる前に、このジョブのロールのセッションが終了しました (指定しない場合は 1 時間)。aws sts assume-role-with-web-identity に --duration-seconds を指定し、より長いセッションを要求してください (最大 43200)。
step-place-codebuild-chaining = ビルドが終わる前に、このビルドで引き受けたロールのセッションが終了しました。ビルドのサービスロールの認証情報で別のロールを引き受けるのはロールの連鎖にあたり、AWS はセッションを 1 時間までに制限しています。長いビルドでは、代わりにサービスロールに必要な権限を付与してください。
step-place-ci-max-session = 要求する時間は、ロールの最大セッション時間 (デフォルトは 1 時間、最大 12 時間) を超えられません。管理者は次のコマンドで引き上げられます: aws iam update-role --role-name ROLE_NAME --max-session-duration 43200
step-place-github-oidc = このジョブには認証情報が渡されていません。role-to-assume を指定した aws-actions/configure-aws-credentials のステップを追加し、ジョブに permissions: id-token: write を付与してください。
step-place-gitlab-oidc = このジョブには認証情報が渡されていません。ジョブに ID トークン (IAM の OIDC プロバイダーが想定する aud を指定した id_tokens) を発行してファイルに書き出し、AWS_ROLE_ARN と AWS_WEB_IDENTITY_TOKEN_FILE を設定してください。トークンとの交換は CLI が行います。
step-place-mounted-aws-host-ro = このコンテナはホストの ~/.aws を読み取り専用でマウントしています。ホスト側でサインインし直してください (ホストで aws sso login を実行します)。新しいトークンはマウントを通じてコンテナからも見えます。
step-place-mounted-aws-host = このコンテナはホストの ~/.aws をマウントしています。ブラウザを開けるホスト側でサインインし直してください (ホストで aws sso login を実行します)。新しいトークンはマウントを通じてコンテナからも見えます。
