# aws-shim のメッセージ (日本語)
# ここにあるメッセージは、ほかの locales/*.ftl にも同じ変数で必ず存在します。

## 説明ブロックの見出し

label-why = 原因
label-next = 対処方法
label-more = 詳細
label-expired-at = この認証情報の有効期限は { $time } でした ({ $ago }前)。

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
sso-expired = プロファイル { $profile } の IAM Identity Center (SSO) のセッションの有効期限が切れています。
    .why = CLI はキャッシュされた SSO トークンを使ってロールの認証情報を取得します。このトークンの期限が切れていて更新もできなかったため、もう一度サインインするまで認証情報を取得できません。
sso-token-missing = このマシンには、プロファイル { $profile } の IAM Identity Center (SSO) のサインイン情報がありません。
    .why = このプロファイルは SSO を使う設定ですが、セッションのトークンがキャッシュに見つかりませんでした。このマシンでまだサインインしていないか、キャッシュが削除されています。
login-expired = aws login のセッションの有効期限が切れています。
    .why = CLI はコンソールの認証情報でサインインしていましたが、そのセッションが終了しました。
exported-expired = このシェルの環境変数に設定されたセッション認証情報の有効期限が切れています。
    .why = 環境変数 AWS_ACCESS_KEY_ID、AWS_SECRET_ACCESS_KEY、AWS_SESSION_TOKEN は、どのプロファイルよりも優先されます。これらのセッションはすでに終了しており、CLI は自分で設定していない環境変数を更新できません。
refreshed-still-expired = CLI が受け取った認証情報は、受け取った時点ですでに期限切れでした。
    .why = CLI は認証情報を取り直しましたが、その認証情報も期限が切れていました。多くの場合、このシェルで設定した AWS_CREDENTIAL_EXPIRATION などが過去の時刻になっています。
assume-role-expired = プロファイル { $profile } で引き受けたロールのセッションの有効期限が切れています。
    .why = CLI はロールの一時認証情報をキャッシュし、期限が切れるまで再利用します。このセッションは期限が切れており、ユーザーの操作なしには更新できませんでした。
file-session-expired = プロファイル { $profile } に保存されたセッションキーの有効期限が切れています。
    .why = このプロファイルには、認証情報ファイルにコピーされた一時的なキー (ASIA で始まるアクセスキーとセッショントークン) が入っています。コピーしたキーは自動では更新されません。
process-expired = credential_process が返した認証情報の有効期限が切れています。
    .why = このプロファイルは外部コマンドで認証情報を取得しますが、そのコマンドが期限切れの認証情報を返しました。
credential-process-failed = このプロファイルの credential_process のコマンドが失敗しました: { $detail }
    .why = CLI は外部コマンドを実行して認証情報を取得しますが、そのコマンドがエラーを返したため処理を中止しました。
mfa-required = プロファイル { $profile } には MFA コードが必要ですが、CLI がコードを入力できませんでした。
    .why = このプロファイルのロールは MFA (mfa_serial) を必要とします。キャッシュされたセッションが終了しており、新しいセッションにはターミナルでのコード入力が必要です。
invalid-key = 使用中のアクセスキーまたはセッショントークンが AWS に認識されませんでした。
    .why = キーが削除・無効化された、入力を間違えた、別のセッションのセッショントークンと組み合わせている、などが考えられます。長期的なアクセスキー (AKIA...) に有効期限はありませんが、一時的なキー (ASIA...) には対応するセッショントークンが必要です。
invalid-token = 使用中のセッショントークンが壊れているか、無効になっています。
    .why = リクエストに付けたトークンが (コピー時に途中で切れるなどして) 壊れているか、すでに無効です。
clock-skew = このマシンの時刻がずれているため、AWS がリクエストを拒否しました。
    .why = リクエストには現在時刻を含む署名が付きます。AWS の時刻と数分以上ずれた署名は受け付けられません。認証情報自体には問題がない可能性があります。

## 対処方法

step-cloud9-ask-owner = この環境に招待されたメンバーの場合は、環境のオーナーに AWS Cloud9 コンソールから環境を開いてもらってください。オーナーご本人の場合は、IDE のブラウザタブを再読み込みしてください。
step-cloud9-retry = 数分以内に Cloud9 が一時認証情報を更新します。そのあとでコマンドをもう一度実行してください。
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
step-remove-cache = 期限切れのキャッシュを削除すると、CLI が新しいセッションを開始します: rm { $file }
step-file-session-refresh = プロファイル { $profile } の新しい一時的なキーを取得し、認証情報ファイルの 3 つの値 (アクセスキー、シークレットアクセスキー、セッショントークン) をすべて置き換えてください。
step-process-run = コマンドを直接実行して、出力全体を確認してください: { $command }
step-check-which = CLI がどの認証情報をどこから読み込んでいるか確認してください: { $command }
step-new-keys = キーが削除または無効化されている場合は、IAM コンソールで新しいアクセスキーを作成し (または管理者に依頼し)、設定し直してください。
step-clock-check = このマシンの時刻を正しい時刻と比べてください: date -u
step-clock-sync = 時刻同期を有効にしてください (timedatectl set-ntp true)。chrony を使っている場合は、すぐに時刻を合わせられます: sudo chronyc makestep
step-configure-sso = IAM Identity Center (SSO) を使う場合: { $command }
step-configure-keys = アクセスキーを使う場合: { $command }
step-check-profile = 別のプロファイルを使うつもりだった場合は、AWS_PROFILE と --profile オプションを確認してください。
step-mfa-terminal = 対話型のターミナルでコマンドを実行し、表示されたら MFA デバイスのコードを入力してください。

## 期間

duration-minutes = { $m } 分
duration-hours = { $h } 時間 { $m } 分
duration-days = { $d } 日 { $h } 時間

## Credential context (doctor, remedies by source)

## Shell integration (prompt segment, warning line)

shell-warn-failed = aws-shim: プロファイル { $profile } での前回の aws コマンドは { $code } で失敗しました。今の認証情報は使えません。{ $remedy }
shell-warn-expired = aws-shim: プロファイル { $profile } の認証情報は { $ago } 前に有効期限が切れています。{ $remedy }
shell-remedy-sso = 先にサインインし直してください: { $command }
shell-remedy-cloud9 = 環境のオーナーにこの Cloud9 環境を開いてもらってから、もう一度実行してください。
shell-remedy-exported = 先にこのシェルで新しい一時認証情報を export し直すか、古い値を unset してください。
shell-remedy-role = 次の実行でロールを引き受け直します。MFA コードを求められたら、新しいコードを入力してください。
shell-remedy-clock = 先にこのマシンの時刻を確認してください: date -u
shell-remedy-other = 原因の確認: aws-shim doctor --profile { $profile }
